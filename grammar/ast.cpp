#include "grammar/ast.h"

namespace collat::ast {

const char* Spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or:
      return "or";
    case BinaryOp::And:
      return "and";
    case BinaryOp::Eq:
      return "==";
    case BinaryOp::Ne:
      return "!=";
    case BinaryOp::Lt:
      return "<";
    case BinaryOp::Le:
      return "<=";
    case BinaryOp::Gt:
      return ">";
    case BinaryOp::Ge:
      return ">=";
    case BinaryOp::In:
      return "in";
    case BinaryOp::NotIn:
      return "not in";
    case BinaryOp::Default:
      return "??";
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Sub:
      return "-";
    case BinaryOp::Mul:
      return "*";
    case BinaryOp::Div:
      return "/";
  }
  return "?";
}

const char* Spelling(BandOp op) {
  switch (op) {
    case BandOp::Lt:
      return "<";
    case BandOp::Le:
      return "<=";
    case BandOp::Else:
      return "else";
  }
  return "?";
}

const char* Spelling(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::Days:
      return "d";
    case DurationUnit::Weeks:
      return "w";
    case DurationUnit::Months:
      return "m";
    case DurationUnit::Years:
      return "y";
  }
  return "?";
}

const char* Spelling(HeaderItemKind kind) {
  switch (kind) {
    case HeaderItemKind::Version:
      return "version";
    case HeaderItemKind::Effective:
      return "effective";
    case HeaderItemKind::Currency:
      return "currency";
    case HeaderItemKind::Owner:
      return "owner";
    case HeaderItemKind::Source:
      return "source";
    case HeaderItemKind::Precision:
      return "precision";
  }
  return "?";
}

const char* Spelling(SchemaKind kind) {
  switch (kind) {
    case SchemaKind::Position:
      return "position";
    case SchemaKind::Account:
      return "account";
    case SchemaKind::Market:
      return "market";
  }
  return "?";
}

const char* Spelling(RebalanceItemKind kind) {
  switch (kind) {
    case RebalanceItemKind::Target:
      return "target";
    case RebalanceItemKind::TopUp:
      return "top_up";
    case RebalanceItemKind::Substitute:
      return "substitute";
    case RebalanceItemKind::Release:
      return "release";
    case RebalanceItemKind::Liquidate:
      return "liquidate";
    case RebalanceItemKind::Cost:
      return "cost";
    case RebalanceItemKind::Lot:
      return "lot";
    case RebalanceItemKind::MinMove:
      return "min_move";
    case RebalanceItemKind::MaxMoves:
      return "max_moves";
  }
  return "?";
}

int Precedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or:
      return 1;
    case BinaryOp::And:
      return 2;
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge:
    case BinaryOp::In:
    case BinaryOp::NotIn:
      return 4;
    case BinaryOp::Default:
      return 5;
    case BinaryOp::Add:
    case BinaryOp::Sub:
      return 6;
    case BinaryOp::Mul:
    case BinaryOp::Div:
      return 7;
  }
  return 0;
}

}  // namespace collat::ast
