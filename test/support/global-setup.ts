// jest's globalSetup (integration project): runs once, in jest's own process, before any worker.
import 'reflect-metadata';
import { buildDatabaseTemplates } from './database-templates';

const globalSetup = () => buildDatabaseTemplates(process.env.TEST_DATABASE_URL);
export = globalSetup;
