/**
 * Every route of the HTTP API as data, gathered from the route files (each describes its routes beside
 * their handlers): the OpenAPI document and the reference page are built from this list, and a test
 * checks it against the routes the server really has.
 */
import { LIVE_DOCS } from '../live/routes.js';
import { ADMIN_DOCS } from '../routes/admin.js';
import { COMMENT_DOCS } from '../routes/comments-docs.js';
import { COMMENT_EXPORT_DOCS } from '../routes/comments-export.js';
import { ORGANISER_COMMENT_DOCS } from '../routes/comments-organisers.js';
import { DOCUMENT_DOCS } from '../routes/documents-docs.js';
import { EVENT_DOCS } from '../routes/events.js';
import { EXPORT_DOCS } from '../routes/exports.js';
import { MY_CONTRIBUTION_DOCS } from '../routes/my-contributions.js';
import { PARTICIPANT_DOCS } from '../routes/participants.js';
import { PROPOSAL_DOCS } from '../routes/proposals.js';
import { REFERENCE_DOCS } from '../routes/reference.js';
import { WORKSHOP_REPORT_DOCS } from '../routes/workshop-reports-docs.js';
import { ORGANISER_ROUTES } from './organiser-routes.js';
import type { RouteDoc } from './route-doc.js';

export type { RouteDoc } from './route-doc.js';

export const ROUTES: RouteDoc[] = [
  ...PARTICIPANT_DOCS,
  ...MY_CONTRIBUTION_DOCS,
  ...PROPOSAL_DOCS,
  ...EVENT_DOCS,
  ...EXPORT_DOCS,
  ...COMMENT_EXPORT_DOCS,
  ...REFERENCE_DOCS,
  ...ADMIN_DOCS,
  ...ORGANISER_ROUTES,
  ...LIVE_DOCS,
  ...DOCUMENT_DOCS,
  ...WORKSHOP_REPORT_DOCS,
  ...COMMENT_DOCS,
  ...ORGANISER_COMMENT_DOCS,
];
