// fast-check arbitraries for the API fuzz suite: every route of the reference server with random and
// malformed bodies, path parameters, query strings and headers. A case is plain data; `resolveCase`
// turns it into a request once the run knows its tokens and the ids it created.
import fc from 'fast-check';
import { documentRouteCases } from './fuzz-documents.mjs';

/** Strings that have broken servers before: empty, blank, NUL, control and bidi characters, injections, huge. */
export const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\r\n',
  '\u202Eevil',
  '\u200B\u200C\u200D\uFEFF',
  'ｊavascript:alert(1)',
  '\uD800',
  '\uDFFF\uD800',
  '💥'.repeat(40),
  'é'.normalize('NFD'),
  '<script>window.__xss(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE proposals; --',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '%',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  'zzzzzzzzzzzzzzzzzzzzzzzzzzzz',
  'Infinity',
  '=HYPERLINK("http://x")',
  'x'.repeat(5000),
];

/** A string with a NUL or a lone surrogate hidden somewhere in it. */
const poisoned = (text) =>
  fc
    .tuple(text, fc.nat(), fc.constantFrom('\u0000', '\uD800', '\uD87E\uFFFF', '\uDD4E', '\u0001', '\uFFFF'))
    .map(([s, at, bad]) => s.slice(0, at % (s.length + 1)) + bad + s.slice(at % (s.length + 1)));

const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: poisoned(fc.string({ maxLength: 20 })) },
);

/** Any JSON value, sometimes a hostile one. */
const anyValue = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A valid-looking object with some fields dropped, replaced by anything, or joined by unknown ones. */
function mutated(valid) {
  const keys = Object.keys(valid);
  const change = fc.record({
    drop: keys.length ? fc.subarray(keys, { maxLength: Math.min(2, keys.length) }) : fc.constant([]),
    replace: keys.length ? fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 3 }) : fc.constant({}),
    extra: fc.dictionary(fc.oneof(anyString, fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'participantId')), anyValue, {
      maxKeys: 2,
    }),
  });
  return fc.oneof(
    { weight: 4, arbitrary: valid instanceof fc.Arbitrary ? valid : fc.constant(valid) },
    {
      weight: 5,
      arbitrary: change.map(({ drop, replace, extra }) => {
        const out = { ...valid };
        for (const k of drop) delete out[k];
        return Object.assign(out, replace, extra);
      }),
    },
  );
}

/** A body: a mutated valid object (as JSON), any JSON, raw text, deep nesting or nothing. */
function bodyOf(valid) {
  return fc.oneof(
    { weight: 8, arbitrary: (valid instanceof fc.Arbitrary ? valid.chain((v) => mutated(v)) : mutated(valid)).map((v) => ({ json: v })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ json: v })) },
    { weight: 1, arbitrary: anyString.map((raw) => ({ raw })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"title":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"title": "\\ud800"}', '{"__proto__": {"admin": true}}')
        .map((raw) => ({ raw })),
    },
    { weight: 1, arbitrary: fc.integer({ min: 9, max: 400 }).map((n) => ({ raw: '['.repeat(n) + ']'.repeat(n) })) },
    { weight: 1, arbitrary: fc.constant({ none: true }) },
  );
}

/** A text of a length in [min, max] code points, sometimes full of unicode, sometimes hiding a NUL. */
const textOf = (min, max) => {
  const clean = fc.oneof(
    fc.string({ minLength: min, maxLength: max }).filter((s) => s.trim().length >= min),
    fc
      .string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 60) })
      .filter((s) => [...s.trim()].length >= min && [...s].length <= max),
  );
  return fc.oneof({ weight: 5, arbitrary: clean }, { weight: 1, arbitrary: poisoned(clean) });
};

const validDraft = fc.record({
  title: fc.oneof(fc.constant('Publier les budgets des communes'), textOf(10, 120)),
  body: fc.oneof(fc.constant('Chaque commune publierait son budget en données ouvertes.'), textOf(30, 200)),
  categoryId: fc.constantFrom('donnees', 'participation', null),
  extra: fc.constantFrom({ commune: 'Paris' }, { format: 'atelier' }, {}),
  authorName: fc.oneof(fc.constant('Claire'), textOf(1, 80)),
  email: fc.constantFrom('claire@example.fr', ''),
  consent: fc.constant(true),
});

function eventProposal(now) {
  const start = new Date(now + 5 * 86_400_000);
  return fc.record({
    title: fc.oneof(fc.constant('Atelier-relais à Lyon'), textOf(5, 150)),
    format: fc.constantFrom('atelier-relais', 'ministere-ouvert'),
    description: fc.constant('Un atelier pour nourrir la consultation en ligne, ouvert à toutes et tous.'),
    startsAt: fc.constant(start.toISOString()),
    endsAt: fc.constant(new Date(start.getTime() + 7_200_000).toISOString()),
    mode: fc.constantFrom('in-person', 'online', 'hybrid'),
    address: fc.constant({ placeName: 'Hôtel de Ville', postalCode: '69001', locality: 'Lyon' }),
    onlineUrl: fc.constantFrom('https://visio.example.fr/a', 'javascript:alert(1)', ''),
    capacity: fc.constantFrom(20, null, 1),
    organiserName: fc.constant('Camille'),
    organiserEmail: fc.constant('camille@example.fr'),
    consent: fc.constant(true),
    timeZone: fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Mars/Olympus'),
  });
}

/** A relay workshop's report (issue 22): its rows sometimes twice the same title, sometimes a host key. */
const workshopReport = fc.record({
  heldOn: fc.constantFrom('2026-03-20', '2027-02-30', '', 'hier', '0000-01-01'),
  attendees: fc.oneof(fc.constantFrom(12, 0, -1, 1.5, 1e9, null)),
  organisations: fc.oneof(fc.constant('Centre social'), textOf(0, 200)),
  summary: fc.oneof(fc.constant('Trois tables, deux heures de débat, beaucoup d’idées.'), textOf(20, 300)),
  contributions: fc.array(
    fc.record({
      kind: fc.constantFrom('proposal', 'amendment', 'other'),
      title: fc.oneof(fc.constant('Publier les budgets des communes'), textOf(10, 120)),
      body: fc.oneof(fc.constant('Chaque commune publierait son budget en données ouvertes.'), textOf(30, 200)),
      categoryId: fc.constantFrom('donnees', null, 'nope'),
      sectionId: fc.constantFrom(undefined, 's-1', ''),
      roomSupport: fc.constantFrom(3, null, -2, 1.5),
    }),
    { maxLength: 4 },
  ),
  consent: fc.constantFrom(true, false),
  hostKey: fc.constantFrom(undefined, 'hl_guessed', ''),
});

/** Comments (issue 20): targets mostly real (s0… are published proposals, small/big approved events), sometimes forged. */
const commentTarget = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'proposal:s0',
      'proposal:s2',
      'event:small',
      'proposal:s1',
      'event:small',
      'event:big',
      'proposal:nope',
      'section:plan/s-1',
      'section:s-1',
      'amendment:a-1',
    ),
  },
  { weight: 1, arbitrary: anyString },
);
/** `{ known: n, kind: 'comment' }` in a body field is replaced by the n-th comment created so far (as in paths). */
const commentRef = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.nat().map((known) => ({ kind: 'comment', known })) },
  { weight: 1, arbitrary: anyString },
);
const commentDraft = fc.record({
  target: commentTarget,
  body: fc.oneof(fc.constant('Une bonne idée, à étendre aux départements.'), textOf(2, 400), fc.constantFrom('x', 'é'.repeat(1001))),
  stance: fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(undefined, null, 'for', 'neutral', 'against') },
    { weight: 1, arbitrary: anyValue },
  ),
  authorName: fc.oneof(fc.constant(undefined), fc.constant('Ana'), textOf(0, 90)),
  parentId: commentRef,
  website: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('http://spam.example') }),
});
const commentEdit = fc.record({
  body: fc.oneof(fc.constant('Texte corrigé, plus précis.'), textOf(2, 400)),
  stance: fc.constantFrom(undefined, null, 'for', 'against', 'maybe'),
});
const commentReport = fc.record({
  reason: fc.oneof(fc.constantFrom('spam', 'offensive', 'off-topic', 'personal-data', 'other'), anyString),
  details: fc.oneof(fc.constant(undefined), textOf(0, 600)),
});
const commentQuery = () =>
  fc
    .tuple(
      fc.option(commentTarget, { nil: undefined, freq: 6 }),
      fc.dictionary(fc.constantFrom('sort', 'stance', 'cursor', 'limit'), queryValueOrSort(), { maxKeys: 4 }),
    )
    .map(([target, rest]) => (target === undefined ? rest : { target, ...rest }));

/** Comments live in `open` (its proposals and events): most comment cases go there. */
const commentConsultation = fc.oneof(
  { weight: 8, arbitrary: fc.constant('open') },
  { weight: 1, arbitrary: fc.constantFrom('unlimited', 'pre') },
  { weight: 1, arbitrary: anyString },
);
/** A consultation id: mostly real ones. */
const consultationId = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('open', 'unlimited', 'pre') }, { weight: 1, arbitrary: anyString });
/** `{ known: n }` picks the n-th known id at run time; a string is used as is. */
const itemId = fc.oneof({ weight: 5, arbitrary: fc.nat().map((known) => ({ known })) }, { weight: 2, arbitrary: anyString });

const queryValue = fc.oneof(
  anyString,
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.bigInt({ min: 0n, max: 36n ** 40n }).map((n) => n.toString(36)),
  fc.constantFrom(
    '2027-03-15T00:00:00Z',
    '2027-03-15',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1970-01-01T00:00:00+14:00',
    'newest',
    'random',
    'most-supported',
    'online',
    'in-person',
    '75',
    '1e3',
  ),
);
const queryOf = (names) =>
  fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyString }), queryValue, {
    maxKeys: 4,
  });
function queryValueOrSort() {
  return fc.oneof(queryValue, fc.constantFrom('oldest', 'newest', 'helpful', 'for', 'against', 'other', 'neutral', '0', 'k', 'zz'));
}
const PROPOSAL_QUERY = ['sort', 'seed', 'categoryId', 'q', 'cursor', 'limit', 'origin', 'eventId'];
const EVENT_QUERY = ['from', 'to', 'format', 'mode', 'place', 'cursor', 'limit'];

/** A header value HTTP can carry (visible Latin-1, no CR/LF/NUL). */
const headerText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

const headers = fc.record({
  auth: fc.oneof(
    { weight: 12, arbitrary: fc.constant('participant') },
    { weight: 2, arbitrary: fc.constant('none') },
    { weight: 1, arbitrary: fc.constant('verified') },
    { weight: 1, arbitrary: fc.constant('admin') },
    { weight: 1, arbitrary: fc.constant('expired-looking') },
    { weight: 2, arbitrary: headerText.map((raw) => ({ raw })) },
  ),
  key: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('same-key', 'k'.repeat(200), 'k'.repeat(201), ' ', 'a b', '"quoted"', 'é') },
    { weight: 2, arbitrary: headerText },
  ),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        '',
      ),
    },
    { weight: 1, arbitrary: headerText },
  ),
  origin: fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('https://ville.example.fr', 'https://evil.example', 'null') },
    { weight: 1, arbitrary: headerText },
  ),
  other: fc.dictionary(
    fc.constantFrom('if-none-match', 'accept', 'x-forwarded-for', 'accept-encoding', 'x-http-method-override', 'range'),
    headerText,
    { maxKeys: 2 },
  ),
});

/** Every route of the API: [label, method, path parts, body or query arbitraries]. */
export function routeCases(now) {
  const c = consultationId;
  const route = (label, method, parts, extra = {}) =>
    fc.record({ label: fc.constant(label), method: fc.constant(method), parts: fc.tuple(...parts), headers, ...extra });
  const lit = (s) => fc.constant(s);
  const ref = (kind) => itemId.map((id) => (typeof id === 'string' ? id : { kind, ...id }));
  return [
    ['time', route('GET /time', 'GET', [lit('time')])],
    ['participants', route('POST /participants', 'POST', [lit('participants')], { body: bodyOf({}) })],
    [
      'identity',
      route('POST identity', 'POST', [lit('consultations'), c, lit('identity')], {
        body: bodyOf(fc.constantFrom('valid', 'wrong-key', 'expired', 'none-alg', 'garbage').map((assertion) => ({ assertion }))),
      }),
    ],
    ['consultation', route('GET consultation', 'GET', [lit('consultations'), c])],
    ['participation', route('GET participation', 'GET', [lit('consultations'), c, lit('participation')])],
    ['proposals', route('GET proposals', 'GET', [lit('consultations'), c, lit('proposals')], { query: queryOf(PROPOSAL_QUERY) })],
    ['proposal', route('GET proposal', 'GET', [lit('consultations'), c, lit('proposals'), ref('proposal')])],
    ['create-proposal', route('POST proposals', 'POST', [lit('consultations'), c, lit('proposals')], { body: bodyOf(validDraft) })],
    [
      'report',
      route('POST report', 'POST', [lit('consultations'), c, lit('proposals'), ref('proposal'), lit('reports')], {
        body: bodyOf(fc.record({ reason: fc.oneof(fc.constant('Hors sujet'), anyString) })),
      }),
    ],
    [
      'vote',
      route('PUT vote', 'PUT', [lit('consultations'), c, lit('proposals'), ref('proposal'), lit('vote')], {
        body: bodyOf(fc.record({ choice: fc.constantFrom('support', 'for', 'mixed', 'against', 'interest') })),
      }),
    ],
    ['withdraw', route('DELETE vote', 'DELETE', [lit('consultations'), c, lit('proposals'), ref('proposal'), lit('vote')])],
    ['events', route('GET events', 'GET', [lit('consultations'), c, lit('events')], { query: queryOf(EVENT_QUERY) })],
    ['event', route('GET event', 'GET', [lit('consultations'), c, lit('events'), ref('event')])],
    [
      'register',
      route('POST registration', 'POST', [lit('consultations'), c, lit('events'), ref('event'), lit('registrations')], {
        body: bodyOf(
          fc.record({
            name: fc.oneof(fc.constant('Camille'), textOf(1, 80)),
            email: fc.constantFrom('camille@example.fr', 'x@y.z'),
            consent: fc.constant(true),
          }),
        ),
      }),
    ],
    ['propose-event', route('POST events', 'POST', [lit('consultations'), c, lit('events')], { body: bodyOf(eventProposal(now)) })],
    ['workshop-report', route('GET workshop report', 'GET', [lit('consultations'), c, lit('events'), ref('event'), lit('report')])],
    [
      'file-workshop-report',
      route('POST workshop report', 'POST', [lit('consultations'), c, lit('events'), ref('event'), lit('report')], {
        body: bodyOf(workshopReport),
      }),
    ],
    [
      'host-links',
      fc.oneof(
        route('GET host links', 'GET', [lit('admin'), lit('consultations'), c, lit('events'), ref('event'), lit('host-links')]),
        route('POST host link', 'POST', [lit('admin'), lit('consultations'), c, lit('events'), ref('event'), lit('host-links')], {
          body: bodyOf(fc.record({ eventId: fc.constantFrom('small', 'big', ''), label: textOf(0, 60) })),
        }),
        route('DELETE host link', 'DELETE', [lit('admin'), lit('consultations'), c, lit('host-links'), anyString]),
      ),
    ],
    ['comments', route('GET comments', 'GET', [lit('consultations'), commentConsultation, lit('comments')], { query: commentQuery() })],
    [
      'comment-reads',
      fc.oneof(
        route('GET comment replies', 'GET', [lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('replies')], {
          query: queryOf(['cursor', 'limit']),
        }),
        route('GET comment thread', 'GET', [lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('thread')]),
      ),
    ],
    [
      'post-comment',
      route('POST comments', 'POST', [lit('consultations'), commentConsultation, lit('comments')], { body: bodyOf(commentDraft) }),
    ],
    [
      'comment-writes',
      fc.oneof(
        route('PUT comment', 'PUT', [lit('consultations'), commentConsultation, lit('comments'), ref('comment')], {
          body: bodyOf(commentEdit),
        }),
        route('DELETE comment', 'DELETE', [lit('consultations'), commentConsultation, lit('comments'), ref('comment')]),
        route('PUT helpful', 'PUT', [lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('helpful')]),
        route('DELETE helpful', 'DELETE', [lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('helpful')]),
        route('POST comment report', 'POST', [lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('reports')], {
          body: bodyOf(commentReport),
        }),
      ),
    ],
    [
      'admin-comments',
      fc.oneof(
        route('POST admin comment', 'POST', [lit('admin'), lit('consultations'), commentConsultation, lit('comments')], {
          body: bodyOf(commentDraft),
        }),
        route('PUT pin', 'PUT', [lit('admin'), lit('consultations'), commentConsultation, lit('comments'), ref('comment'), lit('pin')], {
          body: bodyOf(fc.record({ pinned: fc.constantFrom(true, false, 'yes') })),
        }),
      ),
    ],
    ['export-csv', route('GET export.csv', 'GET', [lit('consultations'), c, lit('export.csv')])],
    ['export-json', route('GET export.json', 'GET', [lit('consultations'), c, lit('export.json')])],
    ['reference', fc.oneof(route('GET openapi', 'GET', [lit('openapi.json')]), route('GET docs', 'GET', [lit('docs')]))],
    ['moderation', route('GET moderation', 'GET', [lit('admin'), lit('consultations'), c, lit('moderation')])],
    [
      'admin-proposal',
      route('POST admin proposal', 'POST', [
        lit('admin'),
        lit('proposals'),
        ref('proposal'),
        fc.constantFrom('approve', 'hide', 'restore', 'delete', ''),
      ]),
    ],
    [
      'admin-event',
      route('POST admin event', 'POST', [lit('admin'), lit('events'), ref('event'), fc.constantFrom('approve', 'hide', 'restore', 'x')]),
    ],
    ...documentRouteCases({ route, lit, ref, c, bodyOf, textOf, anyString }),
    [
      'anything',
      fc.record({
        label: fc.constant('any method, any path'),
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        parts: fc.array(
          fc.oneof(fc.constantFrom('consultations', 'open', 'proposals', 'events', 'admin', 'vote', '..', '.', ''), anyString),
          { maxLength: 6 },
        ),
        headers,
        body: bodyOf({}),
      }),
    ],
  ];
}
