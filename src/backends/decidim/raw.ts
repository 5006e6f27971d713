/** Decidim's GraphQL objects as our queries read them (the fields asked for in *.graphql), before mapping.ts turns them into core shapes. */
import type { TranslatedField } from './text.js';

export interface RawStage {
  id: string;
  title: TranslatedField;
  description?: TranslatedField | null;
  startDate?: string | null;
  endDate?: string | null;
  position?: number | null;
}
export interface RawComponent {
  __typename: string;
  id: string;
  weight?: number | null;
  url?: string | null;
  name?: TranslatedField | null;
}
export interface RawProcess {
  id: string;
  slug: string;
  title: TranslatedField;
  shortDescription?: TranslatedField | null;
  description?: TranslatedField | null;
  startDate?: string | null;
  endDate?: string | null;
  steps?: (RawStage | null)[] | null;
  phases?: (RawStage | null)[] | null;
  components?: (RawComponent | null)[] | null;
}
export interface RawProposal {
  id: string;
  title?: TranslatedField | null;
  body?: TranslatedField | null;
  state?: string | null;
  withdrawn?: boolean | null;
  publishedAt?: string | null;
  createdAt?: string | null;
  voteCount?: number | null;
  author?: { name: string } | null;
  answer?: TranslatedField | null;
  answeredAt?: string | null;
  amendments?: ({ emendation?: { id: string } | null } | null)[] | null;
}
export interface RawMeeting {
  id: string;
  title: TranslatedField;
  description?: TranslatedField | null;
  startTime: string;
  endTime: string;
  typeOfMeeting: string;
  address?: string | null;
  coordinates?: { latitude: number | null; longitude: number | null } | null;
  location?: TranslatedField | null;
  onlineMeetingUrl?: string | null;
  registrationType?: string | null;
  registrationUrl?: string | null;
  registrationsEnabled?: boolean | null;
  remainingSlots?: number | null;
  withdrawn?: boolean | null;
  url?: string | null;
  author?: { name: string } | null;
}
