# Used by `sam build` (each function has Metadata: BuildMethod: makefile). SAM calls
# build-<LogicalId> with ARTIFACTS_DIR set; we build the function's Lambda jar with Maven (through
# ./leadline, which finds a JDK 21+) and unpack it there, classes at the root as Lambda expects.

build-ChatFunction:
	./leadline build-function functions/chat "$(ARTIFACTS_DIR)"

build-RetentionFunction:
	./leadline build-function functions/retention "$(ARTIFACTS_DIR)"

build-LeadsApiFunction:
	./leadline build-function functions/leads-api "$(ARTIFACTS_DIR)"

build-FunnelAnalyticsFunction:
	./leadline build-function functions/funnel-analytics "$(ARTIFACTS_DIR)"
