import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { eventToIcs, foldLine, icsUid } from './ics.js';
import type { ConsultationEvent } from './schemas.js';

const NOW = Date.parse('2027-01-10T09:30:00Z');

function event(overrides: Partial<ConsultationEvent> = {}): ConsultationEvent {
  return {
    id: 'e1',
    consultationId: 'plan-action-2017',
    title: 'Atelier-relais',
    format: 'atelier-relais',
    description: 'Un atelier.',
    startsAt: '2027-03-28T08:00:00+02:00',
    endsAt: '2027-03-28T12:00:00+02:00',
    timeZone: 'Europe/Paris',
    mode: 'in-person',
    address: { placeName: 'Forum de Grenelle', street: '5 rue de la Croix Nivert', postalCode: '75015', locality: 'Paris' },
    organiser: { name: 'Etalab' },
    status: 'scheduled',
    registration: { kind: 'none' },
    ...overrides,
  };
}

/** Parses with ical.js (an independent parser), resolving TZID through the file's own VTIMEZONE only. */
function parse(text: string) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const parsed = new ICAL.Event(vevent);
  return {
    calendar,
    vevent,
    parsed,
    start: parsed.startDate.toJSDate().toISOString(),
    end: parsed.endDate.toJSDate().toISOString(),
  };
}

const physicalLines = (text: string) => text.split('\r\n').slice(0, -1);

describe('eventToIcs (RFC 5545)', () => {
  afterEach(() => ICAL.TimezoneService.reset());

  it('writes a calendar with PRODID, VERSION, a VTIMEZONE and a VEVENT with a stable UID and DTSTAMP', () => {
    const text = eventToIcs(event(), { now: NOW });
    const { calendar, vevent } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).to.equal('2.0');
    expect(String(calendar.getFirstPropertyValue('prodid'))).to.match(/^-\/\/pgo-widgets\/\/pgo-widgets \d+\.\d+\.\d+\/\/FR$/);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).to.equal('Europe/Paris');
    expect(vevent.getFirstPropertyValue('uid')).to.equal('e1@plan-action-2017.pgo-widgets');
    expect(icsUid({ id: 'e1', consultationId: 'plan-action-2017' })).to.equal('e1@plan-action-2017.pgo-widgets');
    expect(text).to.contain('\r\nDTSTAMP:20270110T093000Z\r\n');
    expect(text).to.contain('\r\nDTSTART;TZID=Europe/Paris:20270328T080000\r\n');
    expect(text).to.contain('\r\nDTEND;TZID=Europe/Paris:20270328T120000\r\n');
    expect(vevent.getFirstPropertyValue('location')).to.equal('Forum de Grenelle, 5 rue de la Croix Nivert, 75015 Paris');
    expect(vevent.getFirstPropertyValue('status')).to.equal('CONFIRMED');
  });

  it('uses CRLF line ends only, and ends with one', () => {
    const text = eventToIcs(event({ description: 'a\nb\r\nc' }), { now: NOW });
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
  });

  it('gives the right instants on the morning of the March change (2027-03-28, 08:00–12:00 Paris = 06:00–10:00 UTC)', () => {
    const { start, end } = parse(eventToIcs(event(), { now: NOW }));
    expect(start).to.equal('2027-03-28T06:00:00.000Z');
    expect(end).to.equal('2027-03-28T10:00:00.000Z');
  });

  it('gives the right instants for an event straddling the March change (01:00 CET to 05:00 CEST is 3 hours)', () => {
    const { start, end, parsed } = parse(
      eventToIcs(event({ startsAt: '2027-03-28T01:00:00+01:00', endsAt: '2027-03-28T05:00:00+02:00' }), { now: NOW }),
    );
    expect(start).to.equal('2027-03-28T00:00:00.000Z');
    expect(end).to.equal('2027-03-28T03:00:00.000Z');
    expect(parsed.duration.toSeconds()).to.equal(3 * 3600);
  });

  it('gives the right instants for an event straddling the October change (01:30 CEST to 04:00 CET is 3½ hours)', () => {
    const text = eventToIcs(event({ startsAt: '2027-10-31T01:30:00+02:00', endsAt: '2027-10-31T04:00:00+01:00' }), { now: NOW });
    const { start, end } = parse(text);
    expect(start).to.equal('2027-10-30T23:30:00.000Z');
    expect(end).to.equal('2027-10-31T03:00:00.000Z');
    expect(text).to.match(/BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\nEND:STANDARD/);
    expect(text).to.match(/BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\nEND:DAYLIGHT/);
  });

  it('covers a winter event with the previous autumn’s observance, and events in other zones', () => {
    expect(
      parse(eventToIcs(event({ startsAt: '2027-01-15T18:00:00+01:00', endsAt: '2027-01-15T20:00:00+01:00' }), { now: NOW })).start,
    ).to.equal('2027-01-15T17:00:00.000Z');
    const sydney = parse(
      eventToIcs(event({ timeZone: 'Australia/Sydney', startsAt: '2027-04-04T01:30:00+11:00', endsAt: '2027-04-04T03:30:00+10:00' }), {
        now: NOW,
      }),
    );
    expect([sydney.start, sydney.end]).to.deep.equal(['2027-04-03T14:30:00.000Z', '2027-04-03T17:30:00.000Z']);
    const ny = parse(
      eventToIcs(event({ timeZone: 'America/New_York', startsAt: '2027-03-14T01:00:00-05:00', endsAt: '2027-03-14T04:00:00-04:00' }), {
        now: NOW,
      }),
    );
    expect([ny.start, ny.end]).to.deep.equal(['2027-03-14T06:00:00.000Z', '2027-03-14T08:00:00.000Z']);
    const tokyoText = eventToIcs(
      event({ timeZone: 'Asia/Tokyo', startsAt: '2027-07-01T10:00:00+09:00', endsAt: '2027-07-01T11:00:00+09:00' }),
      { now: NOW },
    );
    expect(tokyoText).to.contain('BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD');
    expect(parse(tokyoText).start).to.equal('2027-07-01T01:00:00.000Z');
  });

  it('escapes text so that it round-trips: backslash, semicolon, comma, line breaks and markup', () => {
    const title = 'Atelier; « relais », 2\\3 <img src=x onerror=alert(1)>';
    const description = 'Ligne 1\nLigne 2, et ; fin\\\r\nDernière';
    const text = eventToIcs(event({ title, description }), { now: NOW });
    expect(text).to.contain('SUMMARY:Atelier\\; « relais »\\, 2\\\\3 <img src=x onerror=alert(1)>');
    const { parsed } = parse(text);
    expect(parsed.summary).to.equal(title);
    expect(parsed.description).to.equal('Ligne 1\nLigne 2, et ; fin\\\nDernière');
  });

  it('folds lines at 75 octets without splitting a multi-byte character', () => {
    const title = `Atelier-relais à Évry-Courcouronnes : données ouvertes, 🙂 participation et écologie ${'é'.repeat(60)} ${'🗳️'.repeat(20)} fin`;
    const text = eventToIcs(event({ title, description: 'x'.repeat(400) }), { now: NOW });
    const strict = new TextDecoder('utf-8', { fatal: true });
    const encoder = new TextEncoder();
    const lines = physicalLines(text);
    expect(lines.some((line) => line.startsWith(' '))).to.equal(true);
    for (const line of lines) {
      const bytes = encoder.encode(line);
      expect(bytes.length, line).to.be.at.most(75);
      // Each physical line decodes on its own: no character was cut in two.
      expect(strict.decode(bytes)).to.equal(line);
    }
    expect(parse(text).parsed.summary).to.equal(title);
  });

  it('folds at exactly 75 octets with a single leading space on continuations', () => {
    const folded = foldLine(`SUMMARY:${'a'.repeat(200)}`);
    const [first, second, third] = folded.split('\r\n');
    expect(first).to.have.length(75);
    expect(second).to.have.length(75);
    expect(second!.startsWith(' ') && !second!.startsWith('  ')).to.equal(true);
    expect(folded.replace(/\r\n /g, '')).to.equal(`SUMMARY:${'a'.repeat(200)}`);
    expect(third!.length).to.be.at.most(75);
    expect(foldLine('short')).to.equal('short');
  });

  it('maps statuses, online places and links', () => {
    const online = parse(
      eventToIcs(event({ mode: 'online', address: undefined, onlineUrl: 'https://visio.example.fr/a?b=1,2', status: 'cancelled' }), {
        now: NOW,
      }),
    );
    expect(online.vevent.getFirstPropertyValue('status')).to.equal('CANCELLED');
    expect(online.vevent.getFirstPropertyValue('location')).to.equal('https://visio.example.fr/a?b=1,2');
    expect(String(online.vevent.getFirstPropertyValue('url'))).to.equal('https://visio.example.fr/a?b=1,2');
    expect(parse(eventToIcs(event({ status: 'postponed' }), { now: NOW })).vevent.getFirstPropertyValue('status')).to.equal('TENTATIVE');
    const geo = parse(eventToIcs(event({ geo: { lat: 48.8466, lon: 2.2936 } }), { now: NOW }));
    expect(geo.vevent.getFirstPropertyValue('geo')).to.deep.equal([48.8466, 2.2936]);
    const organised = parse(eventToIcs(event(), { now: NOW, organiserLine: 'Organisé par Etalab' }));
    expect(organised.parsed.description).to.equal('Un atelier.\n\nOrganisé par Etalab');
  });
});
