import { serveFromCommandLine } from '../emulator/cli';

/** npm run emulator [-- --port N --seed N --applicants N --embedded N]: the emulator alone. */
serveFromCommandLine();
