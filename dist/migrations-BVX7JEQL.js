import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-IV3UEXWJ.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as MIGRATIONS_TABLE,g as assertMigrated,b as defaultMigrationsDir,f as migrate,e as migrationStatus,d as readMigrations,c as sha256};
