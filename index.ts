export { OmboriGridApi } from './credentials/OmboriGridApi.credentials';
export { OmboriGrid } from './nodes/OmboriGrid/OmboriGrid.node';
