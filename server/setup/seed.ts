/**
 * Demo data from the configuration files, written once per consultation (the first time the server
 * starts with it): later starts keep whatever people did. Seeded votes come from seeded anonymous
 * participants, so tallies are still counted from vote rows.
 */
import type { Db } from '../db/db.js';
import { importDocument } from '../store/documents.js';
import { insertEvent } from '../store/events.js';
import { insertProposal } from '../store/proposals.js';
import type { LoadedConsultation } from './config.js';

/** Returns the ids of the consultations it seeded. */
export async function seedConsultations(db: Db, consultations: LoadedConsultation[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const loaded of consultations) {
    const done = await db.transaction(async (tx) => {
      const claimed = await tx.query(
        'INSERT INTO seeded_consultations (consultation_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING consultation_id',
        [loaded.consultation.id],
      );
      if (!claimed.length) return false;
      const c = loaded.consultation;
      for (const [index, p] of loaded.seed.proposals.entries()) {
        const exists = await tx.query('SELECT 1 FROM proposals WHERE id = $1', [p.id]);
        if (exists.length) continue;
        await insertProposal(tx, {
          id: p.id,
          consultationId: c.id,
          title: p.title,
          body: p.body,
          categoryId: p.categoryId ?? null,
          extra: p.extra ?? {},
          authorName: p.authorName ?? null,
          authorEmail: null,
          participantId: null,
          status: p.status ?? 'published',
          createdAt: p.createdAt,
        });
        const voters: string[] = [];
        const choices: string[] = [];
        for (const [choice, count] of Object.entries(p.votes ?? {})) {
          for (let i = 0; i < count; i++) {
            voters.push(`seed-${c.id}-${index}-${voters.length}`);
            choices.push(choice);
          }
        }
        if (voters.length) {
          await tx.query('INSERT INTO participants (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [voters]);
          await tx.query(
            'INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) SELECT v, $2, $3, ch FROM unnest($1::text[], $4::text[]) AS t(v, ch)',
            [voters, p.id, c.id, choices],
          );
        }
      }
      for (const e of loaded.seed.events) {
        const exists = await tx.query('SELECT 1 FROM events WHERE id = $1', [e.id]);
        if (exists.length) continue;
        await insertEvent(tx, {
          id: e.id,
          consultationId: c.id,
          title: e.title,
          format: e.format,
          description: e.description,
          startsAt: e.startsAt,
          endsAt: e.endsAt,
          timeZone: e.timeZone ?? c.timeZone,
          mode: e.mode,
          address: e.address,
          geo: e.geo,
          onlineUrl: e.onlineUrl,
          organiser: e.organiser,
          status: e.status ?? 'scheduled',
          registration: e.registration,
          url: e.url,
          moderation: e.moderation ?? 'approved',
          organiserEmail: null,
          participantId: null,
        });
      }
      for (const d of loaded.seed.documents ?? []) {
        const exists = d.id ? await tx.query('SELECT 1 FROM documents WHERE id = $1', [d.id]) : [];
        if (!exists.length) await importDocument(tx, c, d, Date.now());
      }
      return true;
    });
    if (done) seeded.push(loaded.consultation.id);
  }
  return seeded;
}
