/* Placeholder: being written. */
typedef int pages_report_placeholder;
