/* Placeholder: being written. */
typedef int report_xlsx_placeholder;
