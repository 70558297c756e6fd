/* PostgreSQL backend (issue: scale-out). */
#include "db_impl.h"

ErrCode db_pg_open(const char *url, int flags, Db **out, Err *err)
{
    (void)url, (void)flags, (void)out;
    return err_set(err, KAM_EUSAGE, "this kam was built without the PostgreSQL backend");
}
