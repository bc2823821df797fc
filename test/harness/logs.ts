import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

/** Every line the nodes log through `this.logger`, kept for assertions and the secret scan. */
export const capturedLogs: LogLine[] = [];

class CapturingLogger {
	error = (message: string, metadata?: unknown) => capturedLogs.push({ level: 'error', message, metadata });
	warn = (message: string, metadata?: unknown) => capturedLogs.push({ level: 'warn', message, metadata });
	info = (message: string, metadata?: unknown) => capturedLogs.push({ level: 'info', message, metadata });
	debug = (message: string, metadata?: unknown) => capturedLogs.push({ level: 'debug', message, metadata });
	scoped() {
		return this;
	}
}

/** n8n-core reads the logger from its DI container; ours replaces n8n's console logger. */
export function installCapturingLogger(): void {
	Container.set(Logger, new CapturingLogger() as unknown as Logger);
}
