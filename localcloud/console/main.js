// @ts-check
/** The page's one script (index.html): the console with its panels. */
import { startConsole } from './app.js';
import { PANELS } from './panels.js';

void startConsole(PANELS);
