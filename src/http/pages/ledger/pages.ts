/**
 * The ledger's pages: books and accounts, the posting form, reports, entries and their printed
 * forms, and the auditor's tools. Each file of this folder exports its part; this is the list
 * `app.ts` mounts.
 */
import type { PageDef } from '../page.tsx';
import { auditToolPages } from './audit-tools.tsx';
import { bookPages } from './books.tsx';
import { entryPages } from './entries.tsx';
import { postPages } from './post.tsx';
import { reportPages } from './reports.tsx';

export function ledgerPages(): PageDef[] {
  return [...bookPages(), ...postPages(), ...reportPages(), ...entryPages(), ...auditToolPages()];
}
