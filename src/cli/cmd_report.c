/* Placeholder: being written. */
typedef int cmd_report_placeholder;
