/**
 * Drafts kept in localStorage so a citizen's text survives a reload. Every access is guarded:
 * storage may be missing, blocked (third-party iframe, privacy mode) or full, and none of that may
 * break a form — the draft is then simply not kept.
 */
import type { ConsultationSession } from '../base/session.js';
import { readStored, removeStored, storageKeys, webStorage, writeStored } from '../core/storage.js';
import type { FormValues } from './form-controller.js';

export interface StoredDraft {
  values: FormValues;
  /** The idempotency key of the draft, so a retry after a reload still cannot create a second item. */
  key: string;
  /** When it was saved (ms since epoch). */
  savedAt: number;
}

/**
 * The storage key of a form's draft: form kind, backend kind and endpoint, consultation id and any
 * extra parts (an event id for a registration form). Null until the session is known.
 */
export function draftKey(kind: string, session: ConsultationSession | null, ...extra: string[]): string | null {
  if (!session) return null;
  const endpoint = (session.backend as { endpoint?: unknown }).endpoint;
  return storageKeys.draft([kind, session.backend.kind, typeof endpoint === 'string' ? endpoint : '', session.consultationId, ...extra]);
}

export function loadDraft(key: string): StoredDraft | null {
  try {
    const raw = readStored(webStorage(), key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<StoredDraft>;
    if (!draft || typeof draft.key !== 'string' || typeof draft.values !== 'object' || !draft.values) return null;
    const values: FormValues = {};
    for (const [name, value] of Object.entries(draft.values)) {
      if (typeof value === 'string' || typeof value === 'boolean') values[name] = value;
    }
    return { values, key: draft.key, savedAt: Number(draft.savedAt) || 0 };
  } catch {
    return null;
  }
}

/** Returns false when the draft could not be kept (quota, blocked storage). */
export function saveDraft(key: string, draft: StoredDraft): boolean {
  return writeStored(webStorage(), key, JSON.stringify(draft));
}

export function clearDraft(key: string): void {
  removeStored(webStorage(), key);
}
