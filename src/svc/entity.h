/* The model as data: every table a person reads or edits is described once
 * by an EntityDef (its fields, types, bounds, who may see and change it), and
 * one generic layer does create / read / list / update / delete for all of
 * them, with validation, access control, optimistic concurrency and the
 * audit log. The CLI, the JSON API (and its OpenAPI document), the import /
 * export and the HTML forms are all driven by these definitions, so a rule
 * is written once and holds everywhere.
 *
 * SQL built here uses identifiers from the definitions only (compile-time
 * constants); every value is a bound `?` argument. */
#ifndef KAM_ENTITY_H
#define KAM_ENTITY_H

#include "ctx.h"

#include <jansson.h>

typedef enum FieldType {
    FT_TEXT,      /* one line, up to max_len characters (default 200) */
    FT_LONGTEXT,  /* several lines, up to max_len characters (default 20000) */
    FT_INT,
    FT_REAL,
    FT_BOOL,      /* stored 0/1 */
    FT_DATE,      /* YYYY-MM-DD */
    FT_MONTH,     /* YYYY-MM */
    FT_ENUM,      /* one of choices */
    FT_REF,       /* id of a row of entity `ref` */
    FT_TIMESTAMP, /* seconds since the epoch, set by the service */
} FieldType;

enum FieldFlags {
    FF_REQUIRED = 1u << 0,   /* given on create; never emptied */
    FF_GUEST = 1u << 1,      /* a customer guest may see it (allow-list) */
    FF_READONLY = 1u << 2,   /* set by the service only, never from input */
    FF_CORPORATE = 1u << 3,  /* only admin / executive may change it */
    FF_TEAMLOCK = 1u << 4,   /* needs team rights (KAM, admin): not team members */
    FF_SEARCH = 1u << 5,     /* matched by the free-text search */
    FF_SORT = 1u << 6,       /* lists may be sorted on it */
    FF_FILTER = 1u << 7,     /* lists may be filtered on its exact value */
    FF_IMMUTABLE = 1u << 8,  /* set on create, never changed (the owning account) */
    FF_SECRET = 1u << 9,     /* never leaves the service (password hashes) */
    FF_INTERNAL_PERSON = 1u << 10, /* FT_REF to person: must be one of our staff */
    FF_NULLABLE = 1u << 11,  /* FT_TEXT: empty means NULL (unique external ids) */
};

typedef struct FieldDef {
    const char *name; /* column, JSON key, form field and CLI --option */
    FieldType type;
    unsigned flags;
    const char *const *choices; /* FT_ENUM: NULL-terminated */
    const char *ref;            /* FT_REF: entity name */
    double min, max;            /* FT_INT / FT_REAL bounds, checked when min < max */
    int max_len;                /* FT_TEXT / FT_LONGTEXT: characters; 0 = default */
} FieldDef;

typedef enum EntityScope {
    SCOPE_ACCOUNT,          /* an account_id column ties the row to one account */
    SCOPE_ACCOUNT_OPTIONAL, /* account_id, or NULL for the programme (KPIs) */
    SCOPE_VIA_PARENT,       /* belongs to an account through its parent row */
    SCOPE_ACCOUNT_SELF,     /* the account table itself */
    SCOPE_PROGRAMME,        /* corporate level */
    SCOPE_DIRECTORY,        /* people: readable by every staff role */
    SCOPE_ADMIN,            /* administration */
} EntityScope;

typedef enum WriteNeed {
    WN_OPERATE,   /* operational rights on the account: KAM, team member, admin */
    WN_TEAM,      /* team rights: KAM, admin (and executives) - not team members */
    WN_SPONSOR,   /* operational rights, or the executive sponsor of the account */
    WN_PROGRAMME, /* admin, executive */
    WN_ADMIN,     /* admin */
    WN_REMARK,    /* operational rights, or the account's customer guest */
    WN_DIRECTORY, /* any staff role */
    WN_NOBODY,    /* not through the generic layer (a dedicated service does it) */
} WriteNeed;

typedef enum GuestRule {
    GUEST_NO,   /* never shown to a customer guest */
    GUEST_ROWS, /* every row of the guest's account (FF_GUEST fields only) */
    GUEST_FLAG, /* rows whose guest_flag column is 1 (joint, shared) */
    GUEST_WHERE, /* rows meeting guest_where (e.g. comments on joint items) */
} GuestRule;

enum EntityOpts {
    EO_VERSIONED = 1u << 0,   /* version + updated_at columns */
    EO_CREATED = 1u << 1,     /* created_at column */
    EO_NO_CREATE = 1u << 2,   /* rows are created by a dedicated service */
    EO_NO_DELETE = 1u << 3,
    EO_APPEND_ONLY = 1u << 4, /* history: created, never updated */
};

typedef struct Record Record;
typedef struct EntityDef EntityDef;

struct EntityDef {
    const char *name;   /* singular: "objective" */
    const char *plural; /* collection: "objectives" (API path, CLI, export) */
    const char *table;
    const FieldDef *fields; /* ended by an entry with name NULL */
    EntityScope scope;
    const char *parent_field; /* SCOPE_VIA_PARENT: column with the parent's id */
    const char *parent;       /* SCOPE_VIA_PARENT: parent entity */
    WriteNeed write;
    GuestRule guest;
    const char *guest_flag;
    /* GUEST_WHERE: an SQL condition written in the definition (never from
     * input), with @ standing for the row's table alias. */
    const char *guest_where;
    /* SCOPE_PROGRAMME rows about one person (HR data): those who do not edit
     * the programme see only rows whose own_field is their own person. */
    const char *own_field;
    const char *label; /* column that names a row for people */
    const char *const *columns; /* list pages: the columns to show (NULL: chosen from the flags) */
    const char *order; /* default ORDER BY, constant SQL over t.* */
    unsigned opts;
    /* Cross-field rules; rec is the full row after the change, before is
     * NULL on create. May normalise values in rec. */
    ErrCode (*validate)(Ctx *c, Record *rec, const Record *before);
    /* Side effects inside the same transaction (history rows, status). */
    ErrCode (*after_write)(Ctx *c, const Record *after, const Record *before);
};

struct Record {
    const EntityDef *def;
    int64_t id;
    int64_t version;
    int64_t created_at, updated_at;
    int nfields;
    const char **val; /* text form of each field; NULL is SQL NULL */
    bool *set;        /* input records: fields the caller gave */
};

typedef struct RecordList {
    Record *items;
    int n;
    int64_t total; /* rows matching, before limit/offset */
} RecordList;

#define LIST_MAX_FILTERS 8
#define LIST_DEFAULT_LIMIT 50
#define LIST_MAX_LIMIT 1000

typedef struct ListQuery {
    int64_t account_id; /* only rows of this account; 0 = every account you may see */
    const char *q;      /* free-text search over FF_SEARCH fields */
    const char *sort;   /* FF_SORT field, "-" prefix for descending */
    int limit;          /* 0: LIST_DEFAULT_LIMIT; -1: no limit (CLI, export) */
    int64_t offset;
    int nfilter;
    struct {
        const char *field;
        const char *value;
    } filter[LIST_MAX_FILTERS];
} ListQuery;

extern const EntityDef *const kEntities[]; /* NULL-terminated */

const EntityDef *entity_find(const char *name); /* singular or plural */
int field_index(const EntityDef *def, const char *name); /* -1 if unknown */
const FieldDef *field_find(const EntityDef *def, const char *name);
int entity_nfields(const EntityDef *def);
const char *field_type_name(FieldType t);

/* An empty record for def (all fields NULL, none set). */
Record *record_new(Ctx *c, const EntityDef *def);
/* Give a field a value (text form, NULL for null); unknown field -> KAM_EINPUT. */
ErrCode record_set(Ctx *c, Record *r, const char *field, const char *value);
const char *record_get(const Record *r, const char *field);
int64_t record_int(const Record *r, const char *field); /* 0 when NULL */
/* The account a record belongs to (0 for programme rows). Reads parents. */
ErrCode record_account(Ctx *c, const Record *r, int64_t *account_id);

ErrCode ent_get(Ctx *c, const EntityDef *def, int64_t id, Record **out);
ErrCode ent_list(Ctx *c, const EntityDef *def, const ListQuery *q, RecordList *out);
/* Create from the fields set in `in`; *out receives the stored row. */
ErrCode ent_create(Ctx *c, const EntityDef *def, const Record *in, Record **out);
/* Change the fields set in `in` of row id, if it is still at `version`
 * (versioned entities). A stale version fails with KAM_ECONFLICT, naming the
 * record, and *current (when given) receives the row as stored now. */
ErrCode ent_update(Ctx *c, const EntityDef *def, int64_t id, int64_t version, const Record *in,
                   Record **out, Record **current);
ErrCode ent_delete(Ctx *c, const EntityDef *def, int64_t id, int64_t version);

/* What the actor may do with rows of def at account (0: programme). */
bool ent_may_read(Ctx *c, const EntityDef *def, int64_t account_id);
bool ent_may_write(Ctx *c, const EntityDef *def, int64_t account_id);

/* JSON form of a record, as the actor may see it (secret fields never,
 * guests only FF_GUEST fields). */
json_t *record_to_json(Ctx *c, const Record *r);
/* Fill a record from a JSON object; unknown keys and wrong types are refused
 * with the key named. id / version / timestamps are ignored. */
ErrCode record_from_json(Ctx *c, const EntityDef *def, json_t *obj, Record **out);
/* A short human name for a record: "objective 12 “Grow share”". */
const char *record_title(Ctx *c, const Record *r);

#endif
