/**
 * The business rules of request bodies, stated in the document from the constants the shared
 * validators use (src/core/validate.ts): what is fixed goes into the JSON Schemas, what each
 * consultation sets is pointed to in its `Consultation` document, and each refusal's status is said.
 */
import {
  ADDRESS_LOCALITY_MAX,
  CAPACITY_MAX,
  EMAIL,
  EMAIL_MAX,
  EVENT_DESCRIPTION,
  EVENT_TITLE,
  NAME_MAX,
  POSTAL_CODE,
} from '../../src/core/validate.js';

type JsonSchema = Record<string, unknown>;

const email = {
  type: 'string',
  maxLength: EMAIL_MAX,
  pattern: EMAIL.source,
  description: 'An e-mail address (surrounding spaces are trimmed).',
};
const honeypot = {
  type: 'string',
  maxLength: 0,
  description: 'A honeypot for robots: leave it out or empty. A filled one is refused with 403 `forbidden` and nothing is stored.',
};
const consentTrue = {
  type: 'boolean',
  const: true,
  description: 'The participant accepted the consent text: must be `true` (422 `consent` otherwise).',
};

/** Fixed rules merged into the generated request schemas, by component and property. */
const PATCHES: Record<string, { properties: Record<string, JsonSchema>; required?: string[] }> = {
  ProposalDraft: {
    properties: {
      authorName: {
        maxLength: NAME_MAX,
        description: `Shown with the proposal; at most ${NAME_MAX} characters. Hidden, optional or required per consultation (\`settings.proposalFields.authorName\`).`,
      },
      email: {
        ...email,
        description: `Never published. None, optional or required per consultation (\`settings.proposalFields.email\`); at most ${EMAIL_MAX} characters.`,
      },
      consent: {
        type: 'boolean',
        description: 'Must be `true` when the consultation has a consent text (`settings.proposalFields.consent`).',
      },
      categoryId: { description: 'One of the consultation’s `categories[].id`; required when `settings.proposalFields.categoryRequired`.' },
      extra: {
        description:
          'The consultation’s extra fields (`settings.proposalFields.extraFields`), by id: `select` values from its options, `postal-code` five digits, text up to its `maxLength` (200 by default). Unknown ids are refused.',
      },
      website: honeypot,
    },
  },
  RegistrationInput: {
    properties: { name: { minLength: 1, maxLength: NAME_MAX }, email, consent: consentTrue, website: honeypot },
    required: ['consent'],
  },
  EventProposal: {
    properties: {
      title: { minLength: EVENT_TITLE.min, maxLength: EVENT_TITLE.max },
      description: { minLength: EVENT_DESCRIPTION.min, maxLength: EVENT_DESCRIPTION.max },
      format: { description: 'One of the consultation’s `settings.eventFormats[].id`.' },
      startsAt: { format: 'date-time', description: 'An ISO 8601 date and time with offset, not in the past.' },
      endsAt: { format: 'date-time', description: 'After `startsAt`.' },
      timeZone: { description: 'An IANA time zone (`Europe/Paris`); the consultation’s by default.' },
      mode: { enum: ['in-person', 'online', 'hybrid'] },
      address: {
        description: `Required in person or hybrid: \`locality\` (at most ${ADDRESS_LOCALITY_MAX} characters); \`postalCode\` five digits when given.`,
        properties: { postalCode: { type: 'string', pattern: POSTAL_CODE.source } },
      },
      onlineUrl: { format: 'uri', pattern: '^https?://', description: 'An http(s) address; required online or hybrid.' },
      capacity: {
        anyOf: [{ type: 'integer', minimum: 1, maximum: CAPACITY_MAX }, { type: 'null' }],
        description: 'Seats for inline registration; none (no registration) when left out or null.',
      },
      organiserName: { minLength: 1, maxLength: NAME_MAX },
      organiserEmail: email,
      consent: consentTrue,
      website: honeypot,
    },
    required: ['consent'],
  },
};

/** Merges the fixed rules into the generated schemas (in place). */
export function applyBodyRules(schemas: Record<string, JsonSchema>): void {
  for (const [name, patch] of Object.entries(PATCHES)) {
    const schema = schemas[name] as { properties: Record<string, JsonSchema>; required?: string[] };
    for (const [prop, rules] of Object.entries(patch.properties)) {
      const current = schema.properties[prop] ?? {};
      const merged: JsonSchema = { ...current, ...rules };
      if (rules.properties && current.properties)
        merged.properties = { ...(current.properties as JsonSchema), ...(rules.properties as JsonSchema) };
      if (rules.anyOf) delete merged.type;
      schema.properties[prop] = merged;
    }
    if (patch.required) schema.required = [...new Set([...(schema.required ?? []), ...patch.required])];
  }
}

const TRIMMED = 'Text is trimmed before these rules apply; lengths count characters (code points).';

/** The rules each body follows beyond its schema, with the status of each refusal. */
export const BODY_RULES = {
  proposal:
    `${TRIMMED} Set per consultation (see \`settings.proposalFields\` of GET /consultations/{id}): \`title\` and \`body\` lengths, ` +
    `whether \`categoryId\`, \`authorName\`, \`email\` and \`consent\` are asked or required, and the extra fields. ` +
    `Refusals: a broken rule is 422 \`validation\` with one \`fieldErrors\` entry per field (codes \`required\`, \`too_short\`, ` +
    `\`too_long\`, \`invalid\`, \`email\`, \`consent\`, \`postal_code\`, \`unknown\`; \`params\` give \`min\`/\`max\`); ` +
    `a filled honeypot is 403 \`forbidden\`; a phase that takes no proposals (\`settings.proposalPhases\`) is 409 \`closed\`.`,
  vote:
    'The choice must be one of the consultation’s vote model (`settings.voteModel`: `support` → support; `for-against-mixed` → for, ' +
    'mixed, against; `interest` → interest): 422 `validation` on `choice` otherwise. A phase without votes (`settings.votePhases`) ' +
    'or a proposal that is not published is 409 `closed`; no votes left (`settings.votesPerParticipant`) is 409 `limit-reached`; ' +
    'changing a vote where votes are final (`settings.voteWithdrawal` false) is 403 `forbidden`.',
  registration: `${TRIMMED} \`name\` 1 to ${NAME_MAX} characters, \`email\` an address of at most ${EMAIL_MAX}, \`consent\` true: 422 \`validation\` with field errors otherwise; honeypot 403 \`forbidden\`. An event that takes no registration here (none, or on another site: its page in \`url\`), is cancelled, postponed or over is 409 \`closed\`; a full one 409 \`limit-reached\`.`,
  event:
    `${TRIMMED} Fixed: \`title\` ${EVENT_TITLE.min}-${EVENT_TITLE.max} characters, \`description\` ${EVENT_DESCRIPTION.min}-${EVENT_DESCRIPTION.max}, ` +
    `dates ISO 8601 with \`startsAt\` not past and \`endsAt\` after it, \`address.locality\` in person or hybrid, \`onlineUrl\` (http/https) ` +
    `online or hybrid, \`capacity\` 1-${CAPACITY_MAX}, organiser name and e-mail, consent true. Set per consultation: ` +
    `\`format\` from \`settings.eventFormats\`, the phases that take proposed events (\`settings.eventProposalPhases\`, ` +
    `else 409 \`closed\`). Refusals: 422 \`validation\` with field errors (\`required\`, \`too_short\`, \`too_long\`, ` +
    `\`invalid\`, \`past\`, \`before_start\`, \`url\`, \`email\`, \`postal_code\`, \`consent\`); honeypot 403 \`forbidden\`.`,
  report: 'A reason of at most 1000 characters (may be empty). Reporting an unknown or unpublished proposal is 404 `not-found`.',
  comment:
    `${TRIMMED} Set per consultation (\`settings.comments\`): \`body\` length (2 to 1000 characters by default), whether a \`stance\` (for, ` +
    `neutral, against) is off, optional or required (required on first-level comments only), the phases that take comments. ` +
    `\`target\` is \`proposal:ID\` (published), \`event:ID\` (approved), \`amendment:ID\` (published) or \`section:DOCUMENT/SECTION\` (a section of one of the consultation's documents); ` +
    `\`parentId\` any comment of the thread. Refusals: 422 \`validation\` with \`fieldErrors\` (\`required\`, \`too_short\`, ` +
    `\`too_long\`, \`invalid\`); honeypot 403 \`forbidden\`; a phase without comments 409 \`closed\`.`,
  commentReport: 'A `reason` (spam, offensive, off-topic, personal-data, other) and optional `details` of at most 500 characters.',
  identity:
    'A JWT (HS256) signed with the consultation’s key: `sub` and `exp` required, `name` optional; at most 4096 characters. An invalid, expired or unsigned assertion is 401 `unauthorized`; a consultation without a key 403 `forbidden`.',
} as const;
