import { developmentLogLine } from './dev-log-line.js';

describe('developmentLogLine', () => {
  it.each([
    {
      name: 'a call event reads as its name and key=value pairs',
      log: {
        level: 30,
        time: 1,
        pid: 7,
        hostname: 'h',
        context: 'CallFlowService',
        event: 'call.gather',
        callSid: 'CA1',
        round: 1,
        input: 'dtmf',
        confidence: null,
        decision: 'department',
      },
      line: '[CallFlowService] call.gather callSid=CA1 round=1 input=dtmf decision=department',
    },
    {
      name: 'a message with its context',
      log: { level: 30, context: 'Database', msg: 'Seeded the demo menu' },
      line: '[Database] Seeded the demo menu',
    },
    {
      name: 'a message with extra fields',
      log: { level: 40, msg: 'Spool replayed', count: 3, files: ['a', 'b'] },
      line: 'Spool replayed count=3 files=["a","b"]',
    },
    {
      name: 'a request line: method, URL, status, time and request id',
      log: {
        level: 30,
        msg: 'request completed',
        req: { id: 'r1', method: 'GET', url: '/admin/departments' },
        res: { statusCode: 200 },
        responseTime: 12,
      },
      line: 'GET /admin/departments 200 12ms requestId=r1',
    },
    {
      name: 'an error adds its stack on the next lines',
      log: {
        level: 50,
        context: 'VoiceWebhook',
        msg: 'failed',
        err: { message: 'boom', stack: 'Error: boom\n    at x' },
      },
      line: '[VoiceWebhook] failed\nError: boom\n    at x',
    },
    {
      name: 'an error without a stack adds its message',
      log: { level: 50, msg: 'failed', err: { message: 'boom' } },
      line: 'failed\nboom',
    },
  ])('$name', ({ log, line }) => {
    expect(developmentLogLine(log)).toBe(line);
  });
});
