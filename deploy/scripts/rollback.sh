#!/usr/bin/env bash
# make rollback INSTANCE=x [TO=<commit>]: put the instance's files back as they were before its
# last change (or at TO) and commit that, so ArgoCD rolls the instance back the GitOps way.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_instance
need_tool git "needed to restore the overlay"
paths=("$INSTANCES_DIR/$INSTANCE.yaml" "$INSTANCES_DIR/$INSTANCE")
last="$(git log -n 1 --format=%H -- "${paths[@]}")"
[[ -n "$last" ]] || fail NOT_FOUND "$INSTANCE has no committed history"
target="${TO:-$last^}"
git rev-parse --verify -q "$target^{commit}" >/dev/null || fail NOT_FOUND "no commit '$target'"
git cat-file -e "$target:$INSTANCES_DIR/$INSTANCE.yaml" 2>/dev/null \
    || fail NOT_FOUND "$INSTANCE did not exist at $target; use make destroy to remove it"
say "rollback $INSTANCE to $(git log -n 1 --format='%h %s' "$target")"
git diff --stat "$target" -- "${paths[@]}"
[[ "${CONFIRM:-}" == "$INSTANCE" ]] || confirm "$INSTANCE"
git rm -q -r --cached --ignore-unmatch -- "$INSTANCES_DIR/$INSTANCE"
rm -rf -- "$INSTANCES_DIR/$INSTANCE"
git checkout "$target" -- "${paths[@]}"
git commit -q -m "Roll back instance $INSTANCE to $(git rev-parse --short "$target")" -- "${paths[@]}"
say "committed $(git rev-parse --short HEAD); git push to let ArgoCD apply it"
