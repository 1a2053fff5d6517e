#!/usr/bin/env bash
# `make update`: merge the project's latest version into a fork, keeping the fork's curriculum/
# exactly as it is (its edits, its deleted files, and no example files added by the update).
# Usage: scripts/update.sh [REMOTE] [BRANCH]
set -euo pipefail
remote="${1:-upstream}"
branch="${2:-main}"
ours="curriculum"

if ! git remote get-url "$remote" >/dev/null 2>&1; then
  echo "There is no git remote called \"$remote\"; add it once with:" >&2
  echo "  git remote add $remote <the project's address>" >&2
  exit 1
fi
if ! git diff --quiet HEAD; then
  echo "You have changes that are not committed yet; commit them first, then run the update again." >&2
  exit 1
fi
git fetch --quiet "$remote" "$branch"
if git merge-base --is-ancestor "$remote/$branch" HEAD; then
  echo "Already up to date."
  exit 0
fi
# Conflicts inside curriculum/ are settled below; any others stop the update.
if ! output=$(git merge --no-ff --no-commit "$remote/$branch" 2>&1) \
    && ! git rev-parse --quiet --verify MERGE_HEAD >/dev/null; then
  echo "$output" >&2
  exit 1
fi
# Put curriculum/ back as it was: files the update brought (or changed after we deleted them) go,
# everything else returns to our last commit. Untracked drafts of ours are left alone.
brought=$(comm -23 <(git ls-files -- "$ours" | sort -u) <(git ls-tree -r --name-only HEAD -- "$ours" | sort))
git reset --quiet HEAD -- "$ours"
git checkout HEAD -- "$ours"
while IFS= read -r file; do
  [ -n "$file" ] && rm -f -- "$file"
done <<< "$brought"
if [ -n "$(git diff --name-only --diff-filter=U)" ]; then
  echo "The update conflicts with changes you made outside $ours/:" >&2
  git diff --name-only --diff-filter=U >&2
  echo "Resolve them and run \`git commit\`, or undo the update with \`git merge --abort\`." >&2
  exit 1
fi
git commit --quiet --no-edit
echo "Updated to $remote/$branch; $ours/ is as you left it. Run \`make check\` to see whether it needs anything new."
