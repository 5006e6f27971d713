import { DecidimBackend } from './decidim/backend.js';
import { runBackendContract } from '../test-utils/backend-contract.js';
import { CALLBACK, CLIENT_ID, contractToDecidim, DECIDIM_VERSIONS, seedDecidim } from '../../test/decidim/fixture.js';

// The contract against the local Decidim stand-in (test/decidim/server.mjs), seeded with the contract
// fixture, once per pinned Decidim version (0.32 and the development line). Each participant is a new
// backend that signs in through the real popup flow (PKCE), as a new Decidim user, on its first write.
for (const version of DECIDIM_VERSIONS)
  runBackendContract(
    `decidim ${version}`,
    async (fixture) => {
      const endpoint = await seedDecidim({ ...contractToDecidim(fixture), version });
      return {
        participant: () => new DecidimBackend({ endpoint, clientId: CLIENT_ID, redirectUri: CALLBACK(), locale: 'fr' }),
      };
    },
    {
      unsupported: {
        serverTime: 'Decidim does not publish its clock',
        participation: 'Decidim’s API lists neither a participant’s votes nor the votes left',
        seededSettings: 'categories, vote limits, withdrawal and form rules are Decidim’s, not in its API',
        phaseRules: 'Decidim refuses a write in a step that does not allow it as “not authorised”, without saying why',
        premoderation: 'Decidim publishes a proposal created through the API at once',
        voteModels: 'Decidim proposals take supports only',
        voteLimits: 'Decidim’s API does not publish the vote limit or the votes left',
        report: 'reporting happens on Decidim (the backend links to the proposal)',
        eventFilters: 'Decidim meetings have no format (mode and place are filtered: decidim.test.ts)',
        eventCapacity: 'Decidim’s API gives the seats left, not the capacity',
        registerForEvent: 'registration happens on Decidim (the backend links to the meeting)',
        proposeEvent: 'meetings are proposed on Decidim (the backend links to the meetings page)',
      },
    },
  );
