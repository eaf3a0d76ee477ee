import {
  callSessionCsvFileName,
  callSessionCsvHeader,
  callSessionCsvLine,
  type CallSessionCsvRow,
} from './call-session-csv.js';

const ROW: CallSessionCsvRow = {
  callSid: 'CA0123',
  from: '+15551230123',
  to: '+15559870000',
  startedAt: '2026-01-31T08:00:00.000Z',
  endedAt: '2026-01-31T08:01:30.000Z',
  durationSeconds: 90,
  outcome: 'connected',
  department: { id: '8c7e2c1e-0a4b-4d59-9d1e-2b9d6f0c1a11', name: 'Sales, "EMEA"' },
  attempts: 2,
  callStatus: 'completed',
  transcriptionStatus: null,
  transcriptionText: null,
  callerName: null,
  tags: [],
  callerLookup: null,
  language: 'en-US',
};

describe('call session CSV', () => {
  it('names the columns in the header', () => {
    expect(callSessionCsvHeader()).toBe(
      'callSid,from,to,startedAt,endedAt,durationSeconds,outcome,departmentId,departmentName,attempts,callStatus,' +
        'transcriptionStatus,transcriptionText,callerName,tags,language\r\n',
    );
  });

  it('writes a row in the header order', () => {
    expect(callSessionCsvLine(ROW)).toBe(
      'CA0123,+15551230123,+15559870000,2026-01-31T08:00:00.000Z,2026-01-31T08:01:30.000Z,90,connected,' +
        '8c7e2c1e-0a4b-4d59-9d1e-2b9d6f0c1a11,"Sales, ""EMEA""",2,completed,,,,,en-US\r\n',
    );
  });

  it('leaves empty what a call in progress does not have yet', () => {
    const row: CallSessionCsvRow = {
      ...ROW,
      endedAt: null,
      durationSeconds: null,
      outcome: null,
      department: null,
      attempts: 0,
      callStatus: null,
    };

    expect(callSessionCsvLine(row)).toBe(
      'CA0123,+15551230123,+15559870000,2026-01-31T08:00:00.000Z,,,,,,0,,,,,,en-US\r\n',
    );
  });

  it("writes the caller hook's name and tags, the tags in one field", () => {
    const row: CallSessionCsvRow = { ...ROW, callerName: 'Ada Lovelace', tags: ['vip', 'gold'], callerLookup: 'ok' };

    expect(callSessionCsvLine(row)).toMatch(/,Ada Lovelace,vip;gold,en-US\r\n$/);
  });

  it("writes a voicemail's transcription as one field, quotes and line breaks kept, formulas defused", () => {
    const row: CallSessionCsvRow = {
      ...ROW,
      transcriptionStatus: 'completed',
      transcriptionText: 'Hi, this is "Sam".\n=1+1 call me back',
    };

    expect(callSessionCsvLine(row)).toBe(
      'CA0123,+15551230123,+15559870000,2026-01-31T08:00:00.000Z,2026-01-31T08:01:30.000Z,90,connected,' +
        '8c7e2c1e-0a4b-4d59-9d1e-2b9d6f0c1a11,"Sales, ""EMEA""",2,completed,' +
        'completed,"Hi, this is ""Sam"".\n\'=1+1 call me back",,,en-US\r\n',
    );
  });

  it('leaves the text empty for a failed transcription', () => {
    const row: CallSessionCsvRow = { ...ROW, transcriptionStatus: 'failed', transcriptionText: null };

    expect(callSessionCsvLine(row).split(',').slice(-5)).toEqual(['failed', '', '', '', 'en-US\r\n']);
  });

  it("writes the caller's language in the last column, after the columns exports had before", () => {
    const line = callSessionCsvLine({ ...ROW, language: 'es-MX' });

    expect(callSessionCsvHeader().trimEnd().split(',').at(-1)).toBe('language');
    expect(line.trimEnd().split(',').at(-1)).toBe('es-MX');
  });

  it('names the file after the export time', () => {
    expect(callSessionCsvFileName(new Date('2026-01-31T08:05:09.123Z'))).toBe('call-sessions-20260131T080509Z.csv');
  });
});
