#!/bin/sh
# Rehabit's Compose backup: dumps the databases session and catalog with pg_dump (custom format) into
# $BACKUP_DIR/<UTC time>/, then deletes the dumps older than $BACKUP_KEEP_DAYS days.
#   sh backup.sh once    one backup now, then exit (also what the restore test runs)
#   sh backup.sh         one backup now and then every $BACKUP_EVERY (a sleep(1) duration: 24h, 6h, 30m)
# Connects with the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD). The session database is dumped first:
# programs pin exercise versions, which the catalog never deletes, so the catalog dump taken after it holds every
# version the session dump refers to.
set -eu

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
BACKUP_EVERY=${BACKUP_EVERY:-24h}

# Each step ends the function on failure by itself ("|| return 1"): the loop below calls it as "backup || ...",
# a context in which set -e does not apply, so a failed pg_dump would otherwise still be renamed to a backup.
backup() {
    name=$(date -u +%Y%m%dT%H%M%SZ) || return 1
    partial="$BACKUP_DIR/.$name.partial"
    mkdir -p "$partial" || return 1
    for database in session catalog; do
        pg_dump --format=custom --file="$partial/$database.dump" --dbname="$database" || return 1
    done
    # a folder under its final name is a complete backup: it appears at once, when both dumps are written
    mv "$partial" "$BACKUP_DIR/$name" || return 1
    echo "backup $BACKUP_DIR/$name: $(du -sh "$BACKUP_DIR/$name" | cut -f1)"
    # retention: the backups older than BACKUP_KEEP_DAYS go (each named path is printed)
    find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '20*Z' -mtime +"$BACKUP_KEEP_DAYS" -print \
        -exec rm -rf {} + || return 1
}

if [ "${1:-}" = once ]; then
    backup
    exit
fi
while :; do
    # a failed run (database restarting, disk full) is logged and retried at the next turn
    backup || echo "backup failed; next attempt in $BACKUP_EVERY" >&2
    find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '.*.partial' -exec rm -rf {} +
    sleep "$BACKUP_EVERY"
done
