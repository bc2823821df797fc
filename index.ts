export { OmboriGridApi } from './credentials/OmboriGridApi.credentials';
export { OmboriGrid } from './nodes/OmboriGrid/OmboriGrid.node';
export { OmboriGridTrigger } from './nodes/OmboriGrid/OmboriGridTrigger.node';
export { OmboriGridTicketTrigger } from './nodes/OmboriGrid/OmboriGridTicketTrigger.node';
