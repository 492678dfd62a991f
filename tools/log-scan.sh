# SPDX-License-Identifier: MIT
#
# Kernel log judgement shared by the KUnit lanes (tools/kunit-lane.sh) and
# the NPU guest (tools/npu/guest.sh). Source it, then
#
#   log_scan ALLOW_LOCKDEP <log
#
# prints each offending line ("  lockdep: ", "  bug: ", "  unannounced: ")
# and a last line "#lockdep N". Any lockdep report, BUG: (KASAN's
# included), Oops, panic, UBSAN report, hung task or RCU stall offends;
# so does a "WARNING:" line not announced by a preceding line
# "drm_dep_kunit: expect WARNING" (each announcement allows one). The scan
# stops where kunit.py killed a kernel that ran past its timeout.

lockdep_re='possible circular locking|possible recursive locking|inconsistent lock state|INFO: lockdep|suspicious RCU usage|lock order detected|irq lock inversion|bad unlock balance|held lock freed|still has locks held|Nested lock was not taken|non-static key'
bug_re='(^|[^[:alnum:]_])BUG:|kernel BUG at|Kernel panic|(^|[^[:alnum:]_])Oops([^[:alnum:]_]|$)|general protection fault|UBSAN:|INFO: task .* blocked for more than|detected stalls'

log_scan() {
	awk -v allow="$1" -v lre="$lockdep_re" -v bre="$bug_re" '
		{ sub(/\r$/, "") }
		/timed out after [0-9]+ seconds/ { exit }
		/drm_dep_kunit: expect WARNING[[:space:]]*$/ { expect++; next }
		$0 ~ lre { n++; if (!allow) print "  lockdep: " $0; next }
		$0 ~ bre { print "  bug: " $0; next }
		/WARNING:/ {
			if (expect > 0) { expect--; next }
			print "  unannounced: " $0
		}
		END { print "#lockdep " n + 0 }'
}
