# Deployment targets, included by the top-level Makefile (`include deploy/deploy.mk`).
# Every target prints what it will do first and stops with `error CODE: ...` when a tool,
# an instance or the cluster is missing. See docs/deploy.md.

DEPLOY_SCRIPTS := deploy/scripts
DEPLOY_PYTHON ?= .venv/bin/python
export INSTANCE INSTANCES_DIR DEPLOY_COMMIT PURGE PUSH CONFIRM TO FOLLOW COMPONENT IMAGE_TAG REGISTRY
export REPO_SSH_KEY_FILE ACK_ROLE_ARN_PREFIX LBC_ROLE_ARN CLUSTER_NAME
export INSTANCE_HOST EMAIL_FROM ADMIN_EMAIL TIME_ZONE REDIS BUILD_PYTHON_IMAGE BUILD_NODE_IMAGE
INSTANCES_DIR ?= deploy/instances

.PHONY: deploy-tools deploy-validate setup-argocd setup-secrets setup-operators deploy destroy \
	config status logs rollback build new-instance diff lock lock-check

deploy-tools:  ## kubectl (with kustomize) pinned, into .tools/bin
	deploy/tools/install-tools.sh

deploy-validate: deploy-tools  ## render every instance offline and check schemas and policies
	$(DEPLOY_PYTHON) -m deploy.tools.render --instances-dir $(INSTANCES_DIR) verify

new-instance:  ## INSTANCE=x [INSTANCE_HOST= EMAIL_FROM= ADMIN_EMAIL= TIME_ZONE= REDIS=]: file and overlay from the template
	$(DEPLOY_SCRIPTS)/new-instance.sh

diff:  ## INSTANCE=x: kubectl diff of the overlay against the cluster (needs a cluster)
	$(DEPLOY_SCRIPTS)/diff.sh

setup-argocd:  ## install Argo CD and the ApplicationSet (needs a cluster)
	$(DEPLOY_SCRIPTS)/setup-argocd.sh

setup-secrets:  ## repository credentials and an instance's Secret (needs a cluster)
	$(DEPLOY_SCRIPTS)/setup-secrets.sh

setup-operators:  ## ACK controllers and the AWS Load Balancer Controller (needs a cluster)
	$(DEPLOY_SCRIPTS)/setup-operators.sh

deploy:  ## INSTANCE=x: validate, write deploy/instances/x/, commit it for ArgoCD
	$(DEPLOY_SCRIPTS)/deploy.sh

destroy:  ## INSTANCE=x [PURGE=1]: remove the instance; the table stays unless PURGE=1
	$(DEPLOY_SCRIPTS)/destroy.sh

config:  ## INSTANCE=x: validated settings, and whether the overlay is current
	$(DEPLOY_SCRIPTS)/config.sh

status:  ## every instance's sync state, pods and AWS resources (needs a cluster)
	$(DEPLOY_SCRIPTS)/status.sh

logs:  ## INSTANCE=x [FOLLOW=1] [COMPONENT=api|worker] (needs a cluster)
	$(DEPLOY_SCRIPTS)/logs.sh

rollback:  ## INSTANCE=x [TO=commit]: restore the instance's previous files and commit
	$(DEPLOY_SCRIPTS)/rollback.sh

LOCK_COMMAND = .venv/bin/uv pip compile pyproject.toml deploy/docker/build-requirements.in \
	--generate-hashes --python-version 3.11 --python-platform linux --no-header --quiet

lock:  ## requirements.lock: every Python dependency with hashes, from pyproject.toml (needs PyPI)
	$(LOCK_COMMAND) --output-file requirements.lock

lock-check:  ## fails when requirements.lock is not what `make lock` would write now (needs PyPI)
	@$(LOCK_COMMAND) --output-file $${TMPDIR:-/tmp}/vcoffee-requirements.lock
	@diff -u requirements.lock $${TMPDIR:-/tmp}/vcoffee-requirements.lock \
		&& echo "requirements.lock is current" \
		|| { echo "error LOCK_OUT_OF_DATE: run make lock and commit requirements.lock" >&2; exit 1; }

build:  ## the API and worker images, with docker, podman or buildah
	$(DEPLOY_SCRIPTS)/build.sh
