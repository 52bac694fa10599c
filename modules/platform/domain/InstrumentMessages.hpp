// InstrumentMessages: the message catalogue's entries of shared instruments (issue 16). Listed by
// PlatformModule::messages with the link's and the portal's.
#pragma once

#include <vector>

#include "assay/Message.hpp"

namespace assay::platform::msg {

inline constexpr MessageDef kHalfHour{"instrument.half_hour", "必须是整点或半点（HH:MM，00:00 至 24:00）", "must be on the hour or half hour (HH:MM, 00:00 to 24:00)"};
inline constexpr MessageDef kWindowOrder{"instrument.window_order", "结束时间须晚于开始时间", "must be after the start"};
inline constexpr MessageDef kFeesRequired{"instrument.fees_required", "请公布按机时或按样品的收费标准（至少一项）", "publish a fee per hour or per sample (at least one)"};
inline constexpr MessageDef kWeeklyRequired{"instrument.weekly_required", "请至少设定一个每周可预约时段", "set at least one weekly bookable window"};
inline constexpr MessageDef kNoEquipment{"instrument.no_equipment", "仪器设备台账中没有该设备", "the equipment register has no such instrument"};
inline constexpr MessageDef kNotShared{"instrument.not_shared", "该仪器未在平台共享", "this instrument is not shared on the platform"};
inline constexpr MessageDef kNotUsable{"instrument.not_usable", "仪器目前不可预约：{why}", "the instrument cannot be booked now: {why}"};
inline constexpr MessageDef kCalibrationLapses{"instrument.calibration_lapses",
                                               "仪器的检定/校准有效期至 {through}，预约时段（{date}）超出有效期：仪器须在整个预约时段内有效",
                                               "the instrument's calibration is valid through {through}; the booking ({date}) runs past it: it must be valid for the whole window"};
inline constexpr MessageDef kOutsideWindow{"instrument.outside_window", "{date} {from}–{to} 不在该仪器的可预约时段内", "{date} {from}–{to} is outside the instrument's bookable windows"};
inline constexpr MessageDef kSlotTaken{"instrument.slot_taken", "该时段已被他人预约，请选择其他时段", "this time is booked already: choose another"};
inline constexpr MessageDef kInPast{"instrument.in_past", "预约开始时间须晚于当前时间", "the booking must start in the future"};
inline constexpr MessageDef kTooLong{"instrument.too_long", "单次预约须在同一天内，最长 24 小时", "a booking is within one day"};
inline constexpr MessageDef kSuspended{"instrument.suspended", "因本季度已有 3 次预约未到（爽约），您在该机构的预约资格已暂停，请联系该机构恢复",
                                       "three no-shows this quarter: your booking right at this lab is suspended until the lab lifts it"};
inline constexpr MessageDef kNoFee{"instrument.no_fee", "该仪器没有适用的收费标准", "the instrument has no applicable fee"};
inline constexpr MessageDef kBookingStatus{"instrument.booking_status", "预约当前为“{status}”，不能进行此操作", "the booking is '{status}': this cannot be done now"};
inline constexpr MessageDef kRecordTimes{"instrument.record_times", "实际结束时间须晚于实际开始时间", "the actual end must be after the actual start"};

inline std::vector<const MessageDef*> instrumentMessages() {
    return {&kHalfHour, &kWindowOrder, &kFeesRequired, &kWeeklyRequired, &kNoEquipment, &kNotShared, &kNotUsable, &kCalibrationLapses,
            &kOutsideWindow, &kSlotTaken, &kInPast, &kTooLong, &kSuspended, &kNoFee, &kBookingStatus, &kRecordTimes};
}

}  // namespace assay::platform::msg
