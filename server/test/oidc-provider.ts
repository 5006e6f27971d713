/**
 * A real OpenID Connect provider for tests (the `oidc-provider` package, in this process, on a free loopback
 * port): discovery, authorization codes, PKCE, signed ID tokens, userinfo. Only the person at the provider
 * is played by the test: its interaction page signs in `provider.nextAccount` and consents at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who "types their password" at the provider next; an unknown id is refused by the provider's login. */
  nextAccount: string;
  /** Registers a relying party's redirect URI (known once the server under test listens), before the first request. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startTestProvider(accounts: Record<string, TestAccount>): Promise<TestProvider> {
  let provider: Provider | null = null;
  let handle: ReturnType<Provider['callback']> | null = null;
  const redirectUris: string[] = [];
  const server: Server = createServer((req, res) => {
    provider ??= create();
    handle ??= provider.callback();
    if (!/^\/interaction\/[^/?]+/.test(req.url ?? '')) return handle(req, res);
    void (async () => {
      const details = await provider!.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider!.interactionFinished(req, res, { login: { accountId: self.nextAccount } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider!.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider!.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const self: TestProvider = {
    issuer,
    clientId: 'pgo-console',
    clientSecret: 'un secret de client assez long pour les tests',
    nextAccount: '',
    register(redirectUri) {
      redirectUris.push(redirectUri);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const create = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: self.clientId,
          client_secret: self.clientSecret,
          redirect_uris: redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: ['clé des cookies du fournisseur de test'] },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
    });
  return self;
}
