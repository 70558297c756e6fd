/* Every URL of the web application and the API, with the access rule the
 * router checks before the handler runs. The services then check each record. */
#include "app.h"
#include "pages.h"

const Route kRoutes[] = {
    {M_GET, "/assets/:name", ACC_PUBLIC, page_asset},
    {M_GET, "/healthz", ACC_PUBLIC, page_healthz},
    {M_GET, "/metrics", ACC_PUBLIC, page_metrics},
    {M_GET, "/login", ACC_PUBLIC, page_login},
    {M_POST, "/login", ACC_PUBLIC, page_login_post},
    {M_POST, "/lang", ACC_PUBLIC, page_lang_post},
    {M_POST, "/logout", ACC_SIGNED_IN, page_logout_post},
    {M_GET, "/password", ACC_SIGNED_IN, page_password},
    {M_POST, "/password", ACC_SIGNED_IN, page_password_post},
    {M_GET, "/", ACC_SIGNED_IN, page_home},

    {M_GET, "/accounts", ACC_STAFF, page_accounts},
    {M_GET, "/accounts/:id", ACC_SIGNED_IN, page_account},
    {M_POST, "/accounts/:id", ACC_STAFF, page_account_update},
    {M_GET, "/programme", ACC_STAFF, page_programme},
    {M_POST, "/programme", ACC_STAFF, page_programme_update},

    {M_GET, "/e/:kind", ACC_SIGNED_IN, page_entity_list},
    {M_POST, "/e/:kind", ACC_STAFF, page_entity_create},
    {M_GET, "/e/:kind/new", ACC_STAFF, page_entity_new},
    {M_GET, "/e/:kind/:id", ACC_SIGNED_IN, page_entity_show},
    {M_POST, "/e/:kind/:id", ACC_SIGNED_IN, page_entity_update},
    {M_POST, "/e/:kind/:id/delete", ACC_STAFF, page_entity_delete},

    {M_GET, "/admin", ACC_ADMIN, page_admin},
    {M_GET, "/admin/users/new", ACC_ADMIN, page_admin_user_new},
    {M_POST, "/admin/users", ACC_ADMIN, page_admin_user_create},
    {M_POST, "/admin/users/:id/password", ACC_ADMIN, page_admin_user_password},

    {M_GET, "/api/v1", ACC_SIGNED_IN, api_index},
    {M_GET, "/api/v1/me", ACC_SIGNED_IN, api_me},
    {M_GET, "/api/v1/openapi.json", ACC_PUBLIC, api_openapi},
    {M_GET, "/api/v1/:kind", ACC_SIGNED_IN, api_list},
    {M_POST, "/api/v1/:kind", ACC_SIGNED_IN, api_create},
    {M_GET, "/api/v1/:kind/:id", ACC_SIGNED_IN, api_show},
    {M_PATCH, "/api/v1/:kind/:id", ACC_SIGNED_IN, api_update},
    {M_DELETE, "/api/v1/:kind/:id", ACC_SIGNED_IN, api_delete},
    {M_GET, NULL, 0, NULL},
};
