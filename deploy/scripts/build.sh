#!/usr/bin/env bash
# make build [IMAGE_TAG=x] [REGISTRY=...] [PUSH=1]: the API (with web) and worker images, with
# whichever container engine is present: docker, podman or buildah.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
tag="${IMAGE_TAG:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"
[[ "$tag" != "latest" ]] || fail INVALID_VALUE "IMAGE_TAG must name a release, not latest"
prefix="${REGISTRY:+$REGISTRY/}"
say "build ${prefix}vcoffee-api:$tag (deploy/docker/api.Dockerfile) and ${prefix}vcoffee-worker:$tag (deploy/docker/worker.Dockerfile)"
engine=""
for candidate in docker podman buildah; do
    if command -v "$candidate" >/dev/null 2>&1; then engine="$candidate"; break; fi
done
[[ -n "$engine" ]] || fail TOOL_MISSING "no container engine found: install docker, podman or buildah"
case "$engine" in
    docker) "$engine" info >/dev/null 2>&1 || fail NO_ENGINE "docker is installed but its daemon does not answer (is dockerd running?)"
            build=(docker build) ;;
    podman) "$engine" info >/dev/null 2>&1 || fail NO_ENGINE "podman is installed but cannot run (podman info fails)"
            build=(podman build) ;;
    buildah) build=(buildah bud) ;;
esac
say "using $engine"
# Base images by digest only: from deploy/docker/base-images.env unless given in the environment.
source deploy/docker/base-images.env
PYTHON_IMAGE="${BUILD_PYTHON_IMAGE:-$PYTHON_IMAGE}"
NODE_IMAGE="${BUILD_NODE_IMAGE:-$NODE_IMAGE}"
for image in "$PYTHON_IMAGE" "$NODE_IMAGE"; do
    [[ "$image" =~ @sha256:[0-9a-f]{64}$ ]] || fail UNPINNED_IMAGE "base image $image has no @sha256: digest"
done
say "base images $PYTHON_IMAGE, $NODE_IMAGE; Python packages from requirements.lock"
args=(--build-arg "PYTHON_IMAGE=$PYTHON_IMAGE" --build-arg "NODE_IMAGE=$NODE_IMAGE")
for role in api worker; do
    "${build[@]}" "${args[@]}" -f "deploy/docker/$role.Dockerfile" -t "${prefix}vcoffee-$role:$tag" .
    if [[ -n "${PUSH:-}" ]]; then "$engine" push "${prefix}vcoffee-$role:$tag"; fi
done
say "built tag $tag; set image_tag: \"$tag\" in the instance file and make deploy to roll it out"
