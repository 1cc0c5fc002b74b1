import { MetadataStorage } from '@mikro-orm/core';

// The global setup migrates with MikroORM outside the test files' sandbox, and MikroORM keeps entity metadata in a
// process-wide store: its Maps, from the other realm, fail instanceof checks here. Tests that use the ORM in-process
// start from a clean store (the entities register again as the test imports them).
MetadataStorage.clear();
