"""The command line: options -> api -> reporters -> written output -> exit code; the only place that prints or exits."""
