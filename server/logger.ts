import pino from 'pino';

/** One JSON logger for the process; rooms and connections take child loggers from it. */
export function createLogger(level: string): pino.Logger {
	return pino({ level, base: { service: 'galley' } }, pino.destination(2));
}
