// The floor for the runtime benchmark: a bare Express handler that answers every
// webhook with one fixed TwiML document, parsing the same form bodies. Started
// as its own process by bench/runtime.ts; prints its port on stdout.
import express from 'express';

const TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf" action="/floor/step" actionOnEmptyResult="true" timeout="5" numDigits="1">' +
  '<Say language="en-US">For cards press 2. To speak with an agent press 0.</Say></Gather></Response>';

const app = express();
app.use(express.urlencoded({ extended: false, limit: '64kb' }));
app.post('/{*path}', (_request, response) => {
  response.type('text/xml').send(TWIML);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
