/** A memory backend with relay workshops for the report element's tests and stories (issue 22). */
import type { MemoryBackend } from '../backends/memory.js';
import { DAY } from '../core/phase.js';
import { dayIn } from '../core/reports-rules.js';
import { eventFixture, memoryBackendFixture, type FixtureOptions } from './fixtures.js';

export const PAST = 'atelier-lyon';
export const FUTURE = 'atelier-bordeaux';

/** `atelier-lyon` held two days ago (hosted by the backend's participant `me`), `atelier-bordeaux` in five days. */
export function workshopBackend(options: FixtureOptions = {}): { backend: MemoryBackend; heldOn: string; now: number } {
  const { backend, now } = memoryBackendFixture({ events: 0, proposals: 2, ...options });
  return { backend, heldOn: addWorkshops(backend, now), now };
}

/** Adds the two workshops to a memory backend holding the action-plan consultation; the day the past one was held. */
export function addWorkshops(backend: MemoryBackend, now: number, consultationId = 'plan-action-2017'): string {
  const consultation = { id: consultationId };
  const lyon = { placeName: 'Centre social des Pentes', postalCode: '69001', locality: 'Lyon', country: 'FR' };
  const past = {
    ...eventFixture(consultation.id, 0, now - 3 * DAY),
    id: PAST,
    title: 'Atelier-relais des Pentes',
    address: lyon,
    participantId: 'me',
  };
  const future = { ...eventFixture(consultation.id, 4, now), id: FUTURE, title: 'Atelier-relais de Bordeaux', participantId: 'me' };
  backend.events.set(PAST, past);
  backend.events.set(FUTURE, future);
  return dayIn(past.startsAt, past.timeZone);
}

/** The past workshop's report, filed by its host: 21 people, one contribution with 12 supports in the room (pending). */
export function fileCantineReport(backend: MemoryBackend, heldOn: string, idempotencyKey: string) {
  return backend.submitWorkshopReport(
    'plan-action-2017',
    PAST,
    {
      heldOn,
      attendees: 21,
      organisations: 'Centre social des Pentes',
      summary: 'Deux heures de débat, trois tables, une restitution.',
      consent: true,
      contributions: [
        {
          title: 'Ouvrir les données des cantines',
          body: 'Publier les menus et la provenance des produits servis.',
          categoryId: 'donnees',
          roomSupport: 12,
        },
      ],
    },
    { idempotencyKey },
  );
}

/** `count` tab-separated rows, as copied from a spreadsheet (title, text, theme, support in the room). */
export function spreadsheetRows(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    [
      `Proposition de la table ${i + 1} : ouvrir les données locales`,
      `Le texte rédigé par la table ${i + 1} pendant l’atelier, relu par la salle.`,
      i % 2 ? 'Augmenter la participation citoyenne et l’inclusion de nouveaux publics' : 'donnees',
      String(i % 9),
    ].join('\t'),
  ).join('\n');
}
