//! The typed result of a diff: one `Change` per statement-level operation, with the objects it touches.

use crate::hazard::Hazard;
use crate::model::*;
use serde::Serialize;

/// What a change does to its object; the planner orders drops, creations and alterations differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Drop,
    Create,
    Alter,
}

/// The object a COMMENT statement targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CommentTarget {
    Schema(String),
    Extension(String),
    Type(QName),
    Sequence(QName),
    Table(QName),
    Column(QName, String),
    Constraint(QName, String),
    Index(QName),
    Domain(QName),
    Collation(QName),
    /// `"schema"."name"(identity args)`.
    Aggregate(String),
    View(QName),
    MaterializedView(QName),
    Trigger(QName, String),
    Policy(QName, String),
    /// `"schema"."name"(identity args)` and whether it is a procedure.
    Function(String, bool),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum DomainAction {
    SetDefault(String),
    DropDefault,
    SetNotNull,
    DropNotNull,
    AddConstraint(DomainConstraint),
    DropConstraint(String),
    ValidateConstraint(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AttributeAction {
    Add(Attribute),
    Drop(String),
    AlterType(Attribute),
}

/// How `ALTER COLUMN .. TYPE` converts the values a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    /// No `USING`: identity and generated columns refuse one; the assignment cast applies.
    Assignment,
    /// `USING col::type`.
    Cast,
    /// `USING col::text::type`: there is no cast between two distinct enums, or an enum and another type.
    ThroughText,
}

/// One column of an enum or domain being rebuilt: converted (enums through text, domains through the new
/// base type) to the new type of the same name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetypedColumn {
    pub table: QName,
    pub column: String,
    /// The column's type as TO declares it.
    pub data_type: String,
    pub is_array: bool,
    pub default_before: Option<String>,
    pub default_after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    CreateSchema(Schema),
    DropSchema(String),
    CreateExtension(Extension),
    DropExtension(String),
    UpdateExtension {
        name: String,
        version: String,
    },
    SetExtensionSchema {
        name: String,
        schema: String,
    },
    CreateEnum(EnumType),
    DropEnum(QName),
    /// `ALTER TYPE .. ADD VALUE`, placed `BEFORE`/`AFTER` an existing label when not appended.
    AddEnumValue {
        name: QName,
        label: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// Rename the old type away, create the new one, convert every column through text, drop the old.
    RebuildEnum {
        target: EnumType,
        columns: Vec<RetypedColumn>,
    },
    /// A domain whose base type or collation changes: renamed away, created anew, every column converted
    /// through the new base type, the old one dropped.
    RebuildDomain {
        target: Domain,
        columns: Vec<RetypedColumn>,
    },
    /// A composite type whose attributes cannot be reached by ADD/DROP/ALTER ATTRIBUTE (a new order):
    /// renamed away, created anew, every column's values rebuilt attribute by attribute, the old dropped.
    /// A collation whose definition changes while columns use it: renamed away, created anew, each column
    /// set to it again (its indexes rebuilt), the old one dropped.
    RebuildCollation {
        target: Collation,
        columns: Vec<RetypedColumn>,
    },
    RebuildComposite {
        target: CompositeType,
        /// Attributes of the new type that the old one had (their values are kept).
        kept: Vec<String>,
        columns: Vec<RetypedColumn>,
    },
    CreateSequence(Sequence),
    DropSequence(QName),
    AlterSequence {
        name: QName,
        data_type: Option<String>,
        /// The type FROM has (it bounds the range while the bounds move).
        from_type: String,
        from: SeqOptions,
        to: SeqOptions,
    },
    SetSequenceLogged {
        name: QName,
        unlogged: bool,
    },
    SetSequenceOwner {
        name: QName,
        owned_by: Option<(QName, String)>,
    },
    CreateAggregate(Aggregate),
    DropAggregate {
        name: QName,
        identity_args: String,
    },
    CreateRange(RangeType),
    DropRange(QName),
    CreateCollation(Collation),
    DropCollation(QName),
    CreateTable(Table),
    DropTable(QName),
    /// `ALTER TABLE parent ATTACH PARTITION table bound`.
    AttachPartition {
        table: QName,
        parent: QName,
        bound: String,
    },
    DetachPartition {
        table: QName,
        parent: QName,
    },
    /// `ALTER TABLE table INHERIT parent`.
    Inherit {
        table: QName,
        parent: QName,
    },
    NoInherit {
        table: QName,
        parent: QName,
    },
    SetTableLogged {
        table: QName,
        unlogged: bool,
    },
    SetTableOptions {
        table: QName,
        set: Vec<String>,
        reset: Vec<String>,
    },
    AddColumn {
        table: QName,
        column: Column,
    },
    DropColumn {
        table: QName,
        column: String,
        /// `ALTER TABLE ONLY`: children that inherit the column keep it as their own.
        only: bool,
    },
    AlterColumnType {
        table: QName,
        column: String,
        data_type: String,
        collation: Option<String>,
        conversion: Conversion,
    },
    SetNotNull {
        table: QName,
        column: String,
    },
    DropNotNull {
        table: QName,
        column: String,
    },
    SetDefault {
        table: QName,
        column: String,
        expr: String,
    },
    DropDefault {
        table: QName,
        column: String,
    },
    AddIdentity {
        table: QName,
        column: String,
        data_type: String,
        identity: Identity,
    },
    DropIdentity {
        table: QName,
        column: String,
    },
    AlterIdentity {
        table: QName,
        column: String,
        kind: Option<IdentityKind>,
        from: SeqOptions,
        to: SeqOptions,
        /// The column's type while this runs (it bounds the sequence's range).
        data_type: String,
        /// The identity sequence as FROM names it (its value is moved into a narrower range through it).
        sequence: Option<QName>,
        /// TO's name for the sequence, when it differs.
        rename: Option<String>,
    },
    /// `SET STORAGE`, `SET COMPRESSION`, `SET STATISTICS`, `SET (..)` / `RESET (..)` for what differs.
    SetColumnAttributes {
        table: QName,
        column: String,
        from: ColumnAttributes,
        to: ColumnAttributes,
    },
    DropExpression {
        table: QName,
        column: String,
    },
    AddConstraint {
        table: QName,
        constraint: Constraint,
    },
    DropConstraint {
        table: QName,
        name: String,
    },
    ValidateConstraint {
        table: QName,
        name: String,
    },
    /// `CREATE TEMP TABLE holding AS SELECT columns FROM table`: the rows of a table about to be re-created.
    SaveRows {
        table: QName,
        holding: String,
        columns: Vec<String>,
    },
    /// `INSERT INTO table (columns) SELECT .. FROM holding`, the holding table dropped, identity sequences
    /// continued after the rows.
    RestoreRows {
        table: QName,
        holding: String,
        columns: Vec<String>,
        /// `OVERRIDING SYSTEM VALUE` (an identity ALWAYS column gets its values back).
        overriding: bool,
        identities: Vec<(String, Identity)>,
    },
    CreateIndex(Index),
    DropIndex(QName),
    /// `GRANT privileges ON object TO grantee [WITH GRANT OPTION]`.
    Grant {
        on: ObjectId,
        target: super::privileges::GrantTarget,
        grantee: String,
        privileges: Vec<String>,
        grantable: bool,
    },
    /// `ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA schema] GRANT|REVOKE ... ON <objtype>`.
    AlterDefaultPrivileges {
        role: String,
        schema: String,
        objtype: DefaultObjType,
        grant: bool,
        grantee: String,
        privileges: Vec<String>,
        grantable: bool,
    },
    /// `ALTER <class> object OWNER TO role` (`--with-owners`).
    AlterOwner {
        on: ObjectId,
        class: super::privileges::OwnedClass,
        role: String,
    },
    /// `REVOKE privileges ON object FROM grantee`.
    Revoke {
        on: ObjectId,
        target: super::privileges::GrantTarget,
        grantee: String,
        privileges: Vec<String>,
    },
    /// Online mode: `CREATE INDEX CONCURRENTLY` (outside a transaction), then verified valid.
    CreateIndexConcurrently(Index),
    /// Online mode: `DROP INDEX CONCURRENTLY` (outside a transaction).
    DropIndexConcurrently(QName),
    /// Online mode: the last step of replacing an index (build new, drop old, rename new).
    RenameIndex {
        from: QName,
        to: String,
    },
    Comment {
        target: CommentTarget,
        text: Option<String>,
    },
    CreateView(View),
    DropView {
        name: QName,
        materialized: bool,
    },
    /// `CREATE OR REPLACE FUNCTION/PROCEDURE`: creation, or a change that keeps result and arguments.
    CreateFunction(Function),
    DropFunction {
        signature: String,
        procedure: bool,
    },
    CreateComposite(CompositeType),
    DropComposite(QName),
    AlterComposite {
        name: QName,
        action: AttributeAction,
    },
    CreateDomain(Domain),
    DropDomain(QName),
    /// One `ALTER DOMAIN` subcommand, rendered as is (SET/DROP DEFAULT, SET/DROP NOT NULL, ADD/DROP/VALIDATE
    /// CONSTRAINT).
    AlterDomain {
        name: QName,
        action: DomainAction,
    },
    CreatePublication(Publication),
    DropPublication(String),
    /// `ALTER PUBLICATION .. SET (publish = .., publish_via_partition_root = ..)`.
    SetPublicationOptions(Publication),
    /// `ALTER PUBLICATION .. ADD TABLE` (`add`) or `DROP TABLE`.
    AlterPublicationTable {
        publication: String,
        table: QName,
        add: bool,
    },
    CommentOnPublication(String, Option<String>),
    /// `REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX name` (`None`: DEFAULT).
    SetReplicaIdentity {
        table: QName,
        identity: Option<String>,
    },
    /// ENABLE/DISABLE ROW LEVEL SECURITY, FORCE/NO FORCE.
    SetRowSecurity {
        table: QName,
        enabled: Option<bool>,
        forced: Option<bool>,
    },
    CreatePolicy(Policy),
    DropPolicy {
        table: QName,
        name: String,
    },
    /// ALTER POLICY: roles, USING and WITH CHECK (command and permissiveness need drop + create).
    AlterPolicy(Policy),
    CreateTrigger(Trigger),
    DropTrigger {
        table: QName,
        name: String,
    },
    /// ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS.
    SetTriggerState {
        table: QName,
        name: String,
        enabled: TriggerState,
    },
}

/// One operation of the plan with the objects it touches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub action: Action,
    /// The object the change is about; changes of one object keep their generation order.
    pub id: ObjectId,
    /// Further objects created or dropped with it (the columns of a new table, the parts of a dropped one).
    pub covers: Vec<ObjectId>,
    /// Further objects that must exist first (in TO), beyond the dependencies of `id` and `covers`.
    pub needs: Vec<ObjectId>,
    pub op: Op,
    pub hazards: Vec<Hazard>,
}

impl Op {
    /// Changes that no dependent of their object can block (a sequence's options, its owner, a comment):
    /// they need not wait for those dependents' drops (rule 3 of the graph), which would otherwise tie a
    /// sequence kept by TO to the drop of the table whose default used it.
    pub fn indifferent_to_dependents(&self) -> bool {
        matches!(
            self,
            Op::AlterSequence { .. } | Op::SetSequenceLogged { .. } | Op::SetSequenceOwner { .. } | Op::Comment { .. }
        )
    }

    /// A type rebuilt under its own name (the old one renamed away, then dropped).
    pub fn is_rebuild(&self) -> bool {
        matches!(
            self,
            Op::RebuildEnum { .. }
                | Op::RebuildDomain { .. }
                | Op::RebuildComposite { .. }
                | Op::RebuildCollation { .. }
        )
    }
}

impl Change {
    pub fn new(action: Action, id: ObjectId, op: Op) -> Self {
        Change { action, id, covers: Vec::new(), needs: Vec::new(), op, hazards: Vec::new() }
    }
    pub fn covering(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.covers.extend(ids);
        self
    }
    pub fn needing(mut self, ids: impl IntoIterator<Item = ObjectId>) -> Self {
        self.needs.extend(ids);
        self
    }
    pub fn with_hazard(mut self, h: Hazard) -> Self {
        self.hazards.push(h);
        self
    }
    /// `id` and `covers` together.
    pub fn objects(&self) -> impl Iterator<Item = &ObjectId> {
        std::iter::once(&self.id).chain(self.covers.iter())
    }
}
