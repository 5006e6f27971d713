/**
 * Requests to one Decidim: the endpoint, the token's audience, tolerated partial answers, and Decidim's
 * throttle (100 requests a minute per address, decidim-core rack_attack.rb). After a 429 nothing is sent
 * until the period is over: calls fail at once as `rate-limited` with the seconds left.
 */
import type { RequestOptions } from '../../core/backend.js';
import { backendError } from '../../core/errors.js';
import { graphql, THROTTLE_PERIOD_S, usableData } from './transport.js';

/** Decidim caps `first` at 50 without an error (decidim-api lib/decidim/api.rb, API_SCHEMA_MAX_PER_PAGE). */
export const PAGE_SIZE = 50;
/** Fetching everything stops here (pages of 50): a handful of requests, 300 items. */
const MAX_PAGES = 6;

export interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ({ node: T | null } | null)[] | null;
}

export function nodes<T>(connection: Connection<T>): T[] {
  return (connection.edges ?? []).map((edge) => edge?.node).filter((node): node is T => !!node);
}

export class DecidimClient {
  private pausedUntil = 0;

  constructor(private readonly settings: { endpoint: string; clientId?: string | undefined; fetch?: typeof fetch | undefined }) {}

  async request<T>(query: string, variables: Record<string, unknown>, options?: RequestOptions, token?: string | null): Promise<T> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) throw backendError('rate-limited', 'Too many requests to Decidim', { retryAfter: Math.ceil(wait / 1000) });
    try {
      const { endpoint, clientId, fetch } = this.settings;
      return usableData(
        await graphql<T>({
          url: `${endpoint}/api`,
          query,
          variables,
          token: token ?? null,
          ...(clientId ? { audience: clientId } : {}),
          ...(options?.signal ? { signal: options.signal } : {}),
          ...(fetch ? { fetch } : {}),
        }),
      );
    } catch (error) {
      const problem = (error as { problem?: { code: string; retryAfter?: number } }).problem;
      if (problem?.code === 'rate-limited') this.pausedUntil = Date.now() + (problem.retryAfter ?? THROTTLE_PERIOD_S) * 1000;
      throw error;
    }
  }

  /** Every node of a component's connection, page after page (at most `maxPages` requests, MAX_PAGES by default). */
  async all<T>(
    query: string,
    field: 'proposals' | 'meetings',
    variables: Record<string, unknown>,
    options?: RequestOptions,
    maxPages = MAX_PAGES,
  ): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const data: { component: Record<string, Connection<T> | undefined> | null } = await this.request(
        query,
        { ...variables, first: PAGE_SIZE, after },
        options,
      );
      const connection = data.component?.[field];
      if (!connection) throw backendError('not-found', `No ${field} component with this id`);
      items.push(...nodes(connection));
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    return items;
  }
}
