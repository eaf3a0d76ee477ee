import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where test apps keep their DATA_DIR: one folder per run below it, which the run's global set-up removes. */
export const TEST_DATA_PARENT = join(tmpdir(), 'ivr-test-data');
