// What the server benchmark votes on, shared by the parent, the server process and pgbench: a copy
// of the action-plan consultation (votes open, no limit per participant) with PROPOSALS proposals
// `bp1`..`bpN`, and PARTICIPANTS participants `bpt1`.. with the tokens `bench-token-<i>`. The HTTP
// load uses participants 1..HTTP_PARTICIPANTS, the database-only runs the others, so they never collide.
import { createHash } from 'node:crypto';

export const CONSULTATION = 'bench';
export const PROPOSALS = 200;
export const HTTP_PARTICIPANTS = 5_000;
export const PARTICIPANTS = 100_000;

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

export function consultationFile(base) {
  const proposals = Array.from({ length: PROPOSALS }, (_, i) => ({
    id: `bp${i + 1}`,
    title: `Proposition ${i + 1} pour ouvrir les données publiques`,
    body: `Le texte de la proposition ${i + 1}, assez long pour ressembler à une vraie contribution.`,
    categoryId: base.consultation.categories[i % base.consultation.categories.length].id,
    createdAt: { relativeDays: -1 },
  }));
  return {
    ...base,
    consultation: {
      ...base.consultation,
      id: CONSULTATION,
      phases: base.consultation.phases.map((p, i) =>
        i === 0 ? { ...p, startsAt: { relativeDays: -10 }, endsAt: { relativeDays: 21 } } : p,
      ),
      settings: { ...base.consultation.settings, votesPerParticipant: null },
    },
    allowedOrigins: ['*'],
    seed: { proposals },
  };
}

/** The values of the probe request (participant 1 on proposal 1) that vary per vote. */
export function probeValues(key) {
  return { participant: 'bpt1', proposal: 'bp1', token: sha256('bench-token-1'), scope: 'p:bpt1', key };
}

/** Values for participant `p` voting on proposal `q` with idempotency key `key`, keyed by the probe's values. */
export function bindings(probe, p, q, key) {
  return {
    [probe.participant]: `bpt${p}`,
    [probe.proposal]: `bp${q}`,
    [probe.token]: sha256(`bench-token-${p}`),
    [probe.scope]: `p:bpt${p}`,
    [probe.key]: key,
  };
}

/** Participants `bpt<i>` with the tokens `bench-token-<i>` (the server keeps their SHA-256 in hex). */
export const SEED_PARTICIPANTS = `
  INSERT INTO participants (id) SELECT 'bpt' || i FROM generate_series(1, ${PARTICIPANTS}) i;
  INSERT INTO participant_tokens (token_hash, participant_id)
    SELECT encode(sha256(convert_to('bench-token-' || i, 'UTF8')), 'hex'), 'bpt' || i FROM generate_series(1, ${PARTICIPANTS}) i;
`;

/** Limits no bench run reaches (the per-address limit would otherwise stop a load from one address). */
export const BENCH_LIMITS = { writesPerMinute: 1e9, writesPerIpPerMinute: 1e9, participantsPerMinute: 1e9 };
