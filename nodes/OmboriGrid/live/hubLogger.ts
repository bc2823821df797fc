import type { ILogger } from '@microsoft/signalr';
import type { Logger } from 'n8n-workflow';

import { redact } from '../transport/errors';
import type { SignalRModule } from './signalrModule';

/**
 * Routes the SignalR client's log to n8n's logger; without one the client writes to the console
 * (signalr-lab §7.5). The client's errors become warnings: the connection recovers from them, and
 * what cannot be recovered is reported by the trigger itself. Trace lines (every frame) are dropped.
 */
export function hubLogger(signalr: SignalRModule, logger: Logger, prefix: string, secret: string): ILogger {
	const { LogLevel } = signalr;
	return {
		log(level, message) {
			if (level < LogLevel.Debug || level >= LogLevel.None) return;
			const line = `${prefix}: ${redact(message, secret)}`;
			if (level >= LogLevel.Critical) logger.error(line);
			else if (level >= LogLevel.Warning) logger.warn(line);
			else logger.debug(line);
		},
	};
}
