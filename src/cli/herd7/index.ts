// The herd7 command: herd7's command line over litmus-check's engine (see run.ts).
export { herd7Main, herd7Version, herd7WarmUp, herdUserError } from './run.js';
