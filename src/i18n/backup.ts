/**
 * Texts of resilience: storage failures (a full disk), backups and restores, upgrades, the audit
 * pack and its verification.
 */
import type { Text } from './types.ts';

export const BACKUP_REFUSALS: Record<string, Text> = {
  // --- storage -----------------------------------------------------------------------------------
  storage_full: {
    vi: 'ổ đĩa đã đầy nên không ghi được; không có gì bị ghi dở, dữ liệu đã ghi trước đó vẫn nguyên vẹn. Hãy giải phóng chỗ trống rồi làm lại',
    en: 'the disk is full, so nothing could be written; nothing was half-written and what was saved before is intact. Free some space and try again',
  },
  storage_io_error: {
    vi: 'lỗi đọc/ghi ổ đĩa; không có gì bị ghi dở. Hãy kiểm tra ổ đĩa rồi chạy soquy verify',
    en: 'the disk reported a read/write error; nothing was half-written. Check the disk, then run soquy verify',
  },
  storage_read_only: {
    vi: 'không có quyền ghi vào tệp hoặc thư mục này',
    en: 'this file or folder cannot be written to',
  },
  database_unreadable: {
    vi: 'tệp này không phải cơ sở dữ liệu soquy hoặc đã hỏng; hãy khôi phục từ bản sao lưu (soquy restore)',
    en: 'this file is not a soquy database or it is damaged; restore it from a backup (soquy restore)',
  },
  database_missing: { vi: 'không có cơ sở dữ liệu ở đây', en: 'there is no database here' },
  database_newer: {
    vi: 'cơ sở dữ liệu do phiên bản soquy mới hơn tạo (có bước nâng cấp {migration} mà bản này không biết); hãy dùng bản soquy mới hơn',
    en: 'this database was made by a newer soquy (it has the upgrade step {migration}, unknown to this one); use the newer soquy',
  },
  database_in_use: {
    vi: 'cơ sở dữ liệu đang được mở bởi chương trình khác (máy chủ soquy?); hãy dừng chương trình đó trước',
    en: 'the database is open in another program (a soquy server?); stop it first',
  },
  // --- backups -----------------------------------------------------------------------------------
  backup_out_exists: {
    vi: 'đã có tệp này; chọn tên khác để không ghi đè bản sao lưu cũ',
    en: 'this file exists; choose another name so no earlier backup is overwritten',
  },
  backup_manifest_missing: {
    vi: 'thiếu tệp mô tả {manifest} nằm cạnh bản sao lưu; hãy chép cả hai tệp',
    en: 'the manifest {manifest} that goes with the backup is missing; copy both files',
  },
  backup_manifest_invalid: {
    vi: 'tệp mô tả bản sao lưu không đọc được hoặc sai dạng: {detail}',
    en: 'the backup manifest cannot be read or has the wrong shape: {detail}',
  },
  backup_hash_mismatch: {
    vi: 'nội dung bản sao lưu đã bị thay đổi hoặc hỏng (SHA-256 {actual}, tệp mô tả ghi {expected})',
    en: 'the backup has been changed or damaged (SHA-256 {actual}, the manifest says {expected})',
  },
  backup_chain_broken: {
    vi: 'sổ {book} của xã {tenant} trong bản sao lưu không kiểm tra đúng tại bút toán #{seq} ({problem})',
    en: 'book {book} of commune {tenant} in the backup fails verification at entry #{seq} ({problem})',
  },
  backup_audit_broken: {
    vi: 'nhật ký thao tác của xã {tenant} trong bản sao lưu không kiểm tra đúng tại dòng #{seq} ({problem})',
    en: 'the audit log of commune {tenant} in the backup fails verification at record #{seq} ({problem})',
  },
  backup_heads_differ: {
    vi: 'đầu chuỗi của {what} ({tenant}) trong bản sao lưu là #{actual}, tệp mô tả ghi #{expected}',
    en: 'the chain head of {what} ({tenant}) in the backup is #{actual}; the manifest says #{expected}',
  },
  restore_target_exists: {
    vi: 'đã có cơ sở dữ liệu ở đây; thêm --force để thay (tệp hiện tại được giữ lại bên cạnh, không bị xóa)',
    en: 'a database is already here; add --force to replace it (the current file is kept aside, not deleted)',
  },
  duration_invalid: {
    vi: 'viết khoảng thời gian như 24h, 30m, 90s hoặc 7d, từ {min} đến {max}',
    en: 'write a duration such as 24h, 30m, 90s or 7d, from {min} to {max}',
  },
  // --- audit pack --------------------------------------------------------------------------------
  pack_unreadable: {
    vi: 'tệp này không phải gói kiểm toán soquy (.tar) đọc được: {detail}',
    en: 'this is not a readable soquy audit pack (.tar): {detail}',
  },
  pack_manifest_invalid: {
    vi: 'manifest.json của gói sai dạng: {detail}',
    en: 'the pack’s manifest.json has the wrong shape: {detail}',
  },
  pack_file_missing: {
    vi: 'gói thiếu tệp mà manifest.json liệt kê',
    en: 'a file listed in manifest.json is missing from the pack',
  },
  pack_file_unlisted: {
    vi: 'gói có tệp không được liệt kê trong manifest.json',
    en: 'the pack holds a file that manifest.json does not list',
  },
  pack_file_hash_mismatch: {
    vi: 'tệp đã bị thay đổi sau khi đóng gói (SHA-256 {actual}, manifest ghi {expected})',
    en: 'the file was changed after packing (SHA-256 {actual}, the manifest says {expected})',
  },
  pack_csv_invalid: {
    vi: 'dòng {row} của {file} sai dạng: {detail}',
    en: 'row {row} of {file} has the wrong shape: {detail}',
  },
  pack_chain_broken: {
    vi: 'tính lại chuỗi băm sổ {book} từ journal.csv: sai tại bút toán #{seq} ({problem})',
    en: 'recomputing the chain of book {book} from journal.csv fails at entry #{seq} ({problem})',
  },
  pack_heads_differ: {
    vi: 'chuỗi của {what} tính lại được đến #{actual} {actualHash}, gói ghi #{expected} {expectedHash}',
    en: 'the recomputed chain of {what} ends at #{actual} {actualHash}; the pack says #{expected} {expectedHash}',
  },
  pack_audit_broken: {
    vi: 'tính lại chuỗi nhật ký thao tác từ audit-log.csv: sai tại dòng #{seq} ({problem})',
    en: 'recomputing the audit chain from audit-log.csv fails at record #{seq} ({problem})',
  },
  pack_trial_balance_differs: {
    vi: 'bảng cân đối {report} trong gói khác với số tính lại từ nhật ký: {detail}',
    en: 'the trial balance {report} in the pack differs from the one recomputed from the journal: {detail}',
  },
};

export const BACKUP_FIELDS: Record<string, Text> = {
  database: { vi: 'Cơ sở dữ liệu', en: 'Database' },
  backup: { vi: 'Bản sao lưu', en: 'Backup' },
  manifest: { vi: 'Tệp mô tả', en: 'Manifest' },
  out: { vi: 'Tệp ra', en: 'Output file' },
  pack: { vi: 'Gói kiểm toán', en: 'Audit pack' },
  backupEvery: { vi: 'Sao lưu mỗi', en: 'Back up every' },
  backupKeep: { vi: 'Giữ số bản', en: 'Backups kept' },
};

/** Texts of the `backup`, `restore`, `audit-pack` and `verify --pack` commands. */
export const BACKUP_CLI = {
  backup: {
    vi: 'sao lưu cơ sở dữ liệu (được khi máy chủ đang chạy), có kiểm tra và tệp mô tả',
    en: 'back up the database (also while the server runs), verified, with a manifest',
  },
  optOut: { vi: 'tệp sao lưu sẽ tạo', en: 'the backup file to write' },
  restore: {
    vi: 'khôi phục từ bản sao lưu, chỉ khi bản sao lưu kiểm tra đúng',
    en: 'restore from a backup, only if the backup verifies',
  },
  optTo: {
    vi: 'cơ sở dữ liệu được khôi phục vào (mặc định --db)',
    en: 'the database to restore into (default --db)',
  },
  optForce: {
    vi: 'thay cơ sở dữ liệu đang có (tệp cũ được giữ lại bên cạnh)',
    en: 'replace an existing database (the old file is kept aside)',
  },
  auditPack: {
    vi: 'đóng gói cho kiểm toán: nhật ký, đầu chuỗi, báo cáo tại một ngày, nhật ký thao tác, mã băm',
    en: 'one archive for an auditor: journal, chain heads, reports as of a date, audit log, hashes',
  },
  optPack: {
    vi: 'kiểm tra một gói kiểm toán (.tar), không cần cơ sở dữ liệu',
    en: 'check an audit pack (.tar) without any database',
  },
  optBackupEvery: {
    vi: 'tự sao lưu định kỳ, ví dụ 24h (SOQUY_BACKUP_EVERY)',
    en: 'back up on a schedule, e.g. 24h (SOQUY_BACKUP_EVERY)',
  },
  optBackupKeep: {
    vi: 'số bản sao lưu định kỳ giữ lại (SOQUY_BACKUP_KEEP, mặc định 14)',
    en: 'scheduled backups to keep (SOQUY_BACKUP_KEEP, default 14)',
  },
  optBackupDir: {
    vi: 'thư mục chứa bản sao lưu định kỳ (SOQUY_BACKUP_DIR, mặc định backups/ cạnh cơ sở dữ liệu)',
    en: 'folder of scheduled backups (SOQUY_BACKUP_DIR, default backups/ next to the database)',
  },
  backedUp: {
    vi: 'Đã sao lưu và kiểm tra: {file} ({bytes:int} byte, SHA-256 {sha256})',
    en: 'Backed up and verified: {file} ({bytes:int} bytes, SHA-256 {sha256})',
  },
  backupCommune: {
    vi: '  Xã {tenant}: {books} sổ, {entries:int} bút toán, nhật ký thao tác đến #{audit}',
    en: '  Commune {tenant}: {books} books, {entries:int} entries, audit log through #{audit}',
  },
  portableNote: {
    vi: 'Đây là bản xuất di động (một tệp SQLite) của cơ sở dữ liệu PostgreSQL; bản sao lưu chính của máy chủ vẫn là pg_dump (docs/operations.md).',
    en: 'This is a portable export (one SQLite file) of the PostgreSQL database; the server’s own backup is still pg_dump (docs/operations.md).',
  },
  restored: {
    vi: 'Đã khôi phục {file} vào {to}; chuỗi băm kiểm tra đúng, đầu chuỗi khớp tệp mô tả.',
    en: 'Restored {file} into {to}; the chains verify and the heads match the manifest.',
  },
  keptAside: {
    vi: 'Cơ sở dữ liệu trước đó được giữ lại ở: {file}',
    en: 'The previous database is kept at: {file}',
  },
  packed: {
    vi: 'Đã đóng gói kiểm toán tại ngày {asOf:date}: {file} ({files} tệp)',
    en: 'Audit pack as of {asOf:date}: {file} ({files} files)',
  },
  packOk: {
    vi: 'Gói kiểm toán đúng: {files} tệp khớp mã băm; chuỗi của {books} sổ ({entries:int} bút toán) và nhật ký thao tác tính lại khớp; bảng cân đối tại {asOf:date} khớp.',
    en: 'The audit pack checks: {files} files match their hashes; the chains of {books} books ({entries:int} entries) and the audit log recompute; the trial balances as of {asOf:date} match.',
  },
  packBad: { vi: 'Gói kiểm toán SAI: {count} lỗi.', en: 'The audit pack FAILS: {count} problems.' },
  scheduled: {
    vi: 'Tự sao lưu mỗi {every}, giữ {keep} bản, vào {dir}',
    en: 'Backing up every {every}, keeping {keep}, into {dir}',
  },
  scheduledDone: { vi: 'Đã tự sao lưu: {file}', en: 'Scheduled backup done: {file}' },
  scheduledFailed: {
    vi: 'Tự sao lưu KHÔNG thành công: {message}',
    en: 'Scheduled backup FAILED: {message}',
  },
} satisfies Record<string, Text>;
