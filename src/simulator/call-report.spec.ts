import { callEndedLine, type PathStep, pathLine, readStoredOutcome, reportLine } from './call-report.js';

const REPORT_URL = 'http://localhost:3000/admin/call-sessions/CA0123456789abcdef0123456789abcdef';

describe('callEndedLine', () => {
  it('prints whom the caller reached beside the outcome the server stored', () => {
    const sut = callEndedLine(
      { outcome: 'connected', connectedTo: '+15555550100' },
      { read: true, outcome: 'operator' },
    );

    expect(sut).toBe('Call ended: connected to +15555550100 (stored outcome: operator)');
  });

  it('prints a voicemail beside its stored outcome', () => {
    expect(callEndedLine({ outcome: 'voicemail', connectedTo: null }, { read: true, outcome: 'voicemail' })).toBe(
      'Call ended: voicemail (stored outcome: voicemail)',
    );
  });

  it('says when the server has stored no outcome yet', () => {
    expect(callEndedLine({ outcome: 'abandoned', connectedTo: null }, { read: true, outcome: null })).toBe(
      'Call ended: abandoned (stored outcome: none yet)',
    );
  });

  it('says on the same line why the stored outcome could not be read', () => {
    const sut = callEndedLine(
      { outcome: 'connected', connectedTo: '+15555550102' },
      { read: false, reason: 'GET /admin/call-sessions/CA1 answered HTTP 401' },
    );

    expect(sut).toBe(
      'Call ended: connected to +15555550102 (stored outcome not read: GET /admin/call-sessions/CA1 answered HTTP 401)',
    );
    expect(sut).not.toContain('\n');
  });
});

describe('pathLine', () => {
  it.each<[string, readonly PathStep[], string]>([
    [
      'a language chosen by key, two menus, a dial',
      [
        { kind: 'language', language: 'es-MX', input: { kind: 'digits', digits: '2' } },
        { kind: 'answer', input: { kind: 'digits', digits: '2' } },
        { kind: 'answer', input: { kind: 'digits', digits: '1' } },
        { kind: 'dial', target: '+15555550201', result: 'completed' },
      ],
      'Path: language es-MX (2) → 2 → 1 → dial +15555550201 (answered)',
    ],
    [
      'a language chosen by voice, then speech',
      [
        { kind: 'language', language: 'de-DE', input: { kind: 'speech', text: 'Deutsch' } },
        { kind: 'answer', input: { kind: 'speech', text: 'soporte', confidence: 0.9 } },
      ],
      'Path: language de-DE ("Deutsch") → "soporte"',
    ],
    [
      'the default language, back with *, silence, a failed dial and voicemail',
      [
        { kind: 'language', language: null, input: { kind: 'silence' } },
        { kind: 'answer', input: { kind: 'digits', digits: '2' } },
        { kind: 'answer', input: { kind: 'digits', digits: '*' } },
        { kind: 'answer', input: { kind: 'silence' } },
        { kind: 'answer', input: { kind: 'digits', digits: '1' } },
        { kind: 'dial', target: 'sip:sales@pbx.example.com', result: 'no-answer' },
        { kind: 'voicemail' },
      ],
      'Path: language: default → 2 → * → (silence) → 1 → dial sip:sales@pbx.example.com (no-answer) → voicemail',
    ],
    ['a call that never reached a menu', [], 'Path: (no menu)'],
  ])('prints %s', (_case, path, printed) => {
    expect(pathLine(path)).toBe(printed);
  });
});

describe('reportLine', () => {
  it('prints a ready curl command with the development token', () => {
    expect(reportLine(REPORT_URL, { secret: 'dev-secret-0123456789', development: true })).toBe(
      `Report: curl -H "Authorization: Bearer dev-secret-0123456789" ${REPORT_URL}`,
    );
  });

  it('never prints a token from ADMIN_TOKENS, and says a token is needed', () => {
    const sut = reportLine(REPORT_URL, { secret: 'configured-secret-0123456789', development: false });

    expect(sut).not.toContain('configured-secret-0123456789');
    expect(sut).toBe(
      `Report: curl -H "Authorization: Bearer <admin token>" ${REPORT_URL} (needs an admin token from ADMIN_TOKENS)`,
    );
  });

  it('says a token is needed when there is none', () => {
    expect(reportLine(REPORT_URL, null)).toContain('(needs an admin token from ADMIN_TOKENS)');
  });
});

describe('readStoredOutcome', () => {
  it('says there is no admin token without making a request', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');

    const sut = await readStoredOutcome(REPORT_URL, null);

    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
    expect(sut).toEqual({ read: false, reason: expect.stringContaining('no admin token') });
  });
});
