/* Placeholder: being written. */
typedef int page_cache_placeholder;
