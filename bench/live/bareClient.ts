/** A bare @microsoft/signalr client as its documentation shows it: the baseline the trigger is compared with. */
import { randomUUID } from 'node:crypto';

import * as signalr from '@microsoft/signalr';

export interface BareTarget {
	orgUrl: string;
	apiKey: string;
	queueId: string;
	positionId: string;
}

/** One HubConnection to one ticket (negotiate with the ApiKey, Azure-style redirect, WebSockets). */
export function bareConnection(target: BareTarget, onUpdate: (message: unknown) => void): signalr.HubConnection {
	const url = `${target.orgUrl}/queues/${target.queueId}/positions/${target.positionId}?userId=${randomUUID()}`;
	const connection = new signalr.HubConnectionBuilder()
		.withUrl(url, { headers: { ApiKey: target.apiKey }, transport: signalr.HttpTransportType.WebSockets })
		.withAutomaticReconnect()
		.configureLogging(signalr.LogLevel.None)
		.build();
	connection.on('position-update', onUpdate);
	return connection;
}
