// The floor any implementation pays: parse the form, check Twilio's signature, answer static TwiML.
// No database, no logging, no validation beyond the signature. Run by bench/run.ts in its own process.
import express, { type Request, type Response } from 'express';
import twilio from 'twilio';
import { BENCH_AUTH_TOKEN, BENCH_PUBLIC_BASE_URL } from './twilio-webhooks.js';

function staticMenu(): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ['dtmf', 'speech'], numDigits: 1, action: '/voice/gather?round=1' });
  gather.say('Thank you for calling. For Sales, press 1 or say sales. For Support, press 2 or say support.');
  response.redirect({ method: 'POST' }, '/voice/gather?round=1');
  return response.toString();
}

const MENU = staticMenu();
const app = express();
app.disable('x-powered-by');
app.use(express.urlencoded({ extended: false, limit: '64kb' }));

app.get('/health', (_request: Request, response: Response) => {
  response.send('ok');
});

app.post('/voice/*path', (request: Request, response: Response) => {
  const signature = request.header('x-twilio-signature') ?? '';
  const params = (request.body ?? {}) as Record<string, string>;
  if (!twilio.validateRequest(BENCH_AUTH_TOKEN, signature, `${BENCH_PUBLIC_BASE_URL}${request.originalUrl}`, params)) {
    response.status(403).send('Invalid X-Twilio-Signature');
    return;
  }
  response.type('text/xml').send(MENU);
});

const port = Number(process.env.PORT);
const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
