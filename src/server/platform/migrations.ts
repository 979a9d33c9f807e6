// The migrations this code needs, as `version_name` (the file names in supabase/migrations/
// without .sql), oldest first. The Workers runtime cannot read that folder, so the list is
// written here; test/unit/migrations-list.test.ts fails when the two differ. GET
// /api/health and `npm start` compare it with what the database has had.
export const expectedMigrations = [
  '20261125000000_roles',
  '20261125000100_foundations',
  '20261125000200_rules',
  '20261125000300_rules_from_content',
  '20261125000400_outbox_and_limits',
  '20261125000500_accounts',
  '20261125000600_consent',
  '20261125000700_people_and_referrals',
  '20261125000800_withdrawals',
  '20261125000860_requests',
  '20261125000870_team',
  '20261125000880_meetings',
  '20261125000890_cetrs_and_figures',
  '20261125000900_lockdown',
] as const;

/** The migration that brought in `applied_migrations()`: a database without that function has had none from here on. */
export const migrationsCheckedFrom = '20261125000500_accounts';
