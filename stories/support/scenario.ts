/**
 * Story scenarios: a fresh memory backend per render, holding the action-plan consultation in the
 * state the story needs (phase, settings, data, injected failures, offline, endless loading).
 * Every backend call is counted in `window.__pgoStory.pending`, so the automated check
 * (test/suites/storybook.mjs) knows when a story has settled without guessing with timers.
 * Stories that stay loading on purpose carry the tag `'pgo-pending'` (a string literal: Storybook's
 * indexer reads tags statically): the check does not wait for them to settle.
 */
import { html, render, type TemplateResult } from 'lit';
import type { MemoryBackend } from '../../src/backends/memory.js';
import type { ConsultationBackend } from '../../src/core/backend.js';
import type { Consultation, VoteChoice } from '../../src/core/schemas.js';
import { memoryBackendFixture, type FixtureOptions } from '../../src/test-utils/fixtures.js';

export interface Scenario extends FixtureOptions {
  /** The backend never answers (a day of latency): the loading state. */
  loading?: boolean;
  /** Every call fails as it does when the browser is offline. */
  offline?: boolean;
  /** Failures to inject, as `backend.failNext(...)` arguments. */
  fail?: Parameters<MemoryBackend['failNext']>[];
  /** Anything else, on the backend and its stored consultation, before the story renders. */
  setup?: (backend: MemoryBackend, consultation: Consultation, story: { draftKey: (form: string) => string }) => void;
}

export interface StoryBackend {
  /** What the elements get (`.customBackend`): the memory backend, with its calls counted. */
  backend: ConsultationBackend;
  /** The memory backend itself, to change its state from a play function. */
  memory: MemoryBackend;
  consultation: Consultation;
  now: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

declare global {
  interface Window {
    __pgoStory?: { pending: number };
  }
}

/** Counts the backend calls still running, for the automated check. */
function counted<T extends object>(backend: T): T {
  const tracker = (window.__pgoStory ??= { pending: 0 });
  return new Proxy(backend, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      // Issue 21: the documents' calls (`backend.documents`) are counted too.
      if (key === 'documents' && value && typeof value === 'object') return counted(value);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          tracker.pending++;
          const done = () => void tracker.pending--;
          result.then(done, done);
        }
        return result;
      };
    },
  });
}

/** Forgets the drafts forms keep on the device, so one story's typing never shows up in another. */
function clearDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('pgo-draft:')) localStorage.removeItem(key);
  } catch {
    // No storage: no drafts either.
  }
}

export function scenario(options: Scenario = {}): StoryBackend {
  clearDrafts();
  const { backend: memory, consultation, now } = memoryBackendFixture({ ...options, ...(options.loading ? { latency: DAY_MS } : {}) });
  // Forms keep drafts on the device under a key naming the backend's endpoint: one of its own per
  // story, so what a play function typed never reappears in the next story.
  const endpoint = `story-${Math.random().toString(36).slice(2, 10)}`;
  Object.assign(memory, { endpoint });
  const stored = memory.consultations.get(consultation.id)!;
  options.setup?.(memory, stored, { draftKey: (form) => `pgo-draft:${form}|memory|${endpoint}|${consultation.id}` });
  for (const failure of options.fail ?? []) memory.failNext(...failure);
  if (options.offline) memory.offline = true;
  return { backend: counted(memory), memory, consultation: stored, now };
}

/** Votes of other participants on a proposal, so counts start above zero. */
export function othersVotes(
  proposalId: string,
  count: number,
  choice: VoteChoice = 'support',
  prefix = 'other',
): NonNullable<Scenario['votes']> {
  return Array.from({ length: count }, (_, i) => ({ participantId: `${prefix}-${i}`, proposalId, choice }));
}

/**
 * `inner` inside a `<pgo-consultation>` connected to the scenario's backend; `children` go inside
 * `inner` itself when it is an element (slotted content).
 */
export function inConsultation(story: StoryBackend, inner: unknown, children?: unknown): TemplateResult {
  if (children !== undefined && inner instanceof HTMLElement) {
    render(children, inner);
  }
  return html`<pgo-consultation consultation=${story.consultation.id} .customBackend=${story.backend}>${inner}</pgo-consultation>`;
}
