// jest's globalTeardown (integration project): after the last test file.
import { removeDatabaseTemplates } from './database-templates';

const globalTeardown = () => removeDatabaseTemplates(process.env.TEST_DATABASE_URL);
export = globalTeardown;
