// `npm run call -- --digits 2`: a simulated phone call against a running server (`--help` for the options).
import { readCliEnvironment } from '../config/cli-environment.js';
import { CallSimulator, SimulationError } from './call-simulator.js';
import { CallScriptError, parseCallScript, USAGE, wantsHelp } from './call-script.js';

async function main(): Promise<number> {
  if (wantsHelp(process.argv.slice(2))) {
    console.log(USAGE);
    return 0;
  }
  const environment = await readCliEnvironment();
  let script;
  try {
    script = parseCallScript(process.argv.slice(2), environment.port);
  } catch (error) {
    if (!(error instanceof CallScriptError) && !(error instanceof TypeError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!environment.twilioAuthToken) {
    console.error(
      'No auth token: set TWILIO_AUTH_TOKEN, or start the server once so it writes its development token under DATA_DIR.',
    );
    return 2;
  }
  const simulator = new CallSimulator({
    script,
    authToken: environment.twilioAuthToken,
    publicBaseUrl: environment.publicBaseUrl ?? undefined,
    adminToken: environment.adminToken,
    print: (line) => console.log(line),
  });
  try {
    await simulator.run();
    return 0;
  } catch (error) {
    if (!(error instanceof SimulationError)) throw error;
    console.error(`Call failed: ${error.message}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
