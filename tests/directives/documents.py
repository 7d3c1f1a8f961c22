"""Short made-up directives in the official layout, one per situation the parser meets."""

from __future__ import annotations

MINISTRY = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 2345 / BGDĐT- GDTX          Hà Nội, ngày 05 tháng 9 năm 2014
V/v hướng dẫn tổ chức Tuần lễ hưởng ứng
học tập suốt đời năm 2014
Kính gửi: Các sở giáo dục và đào tạo.
Thực hiện Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ, Bộ Giáo dục \
và Đào tạo hướng dẫn như sau:
1. Tuần lễ hưởng ứng học tập suốt đời được tổ chức từ ngày 01/10 đến ngày 07/10/2014.
2. Các sở giáo dục và đào tạo gửi kế hoạch về Bộ chậm nhất ngày 25/9/2014.
3. Báo cáo kết quả gửi về Bộ trước ngày 30/10/2014 (ĐT: 04.38695144, email: vu@moet.edu.vn).
Nơi nhận:
- Như trên;
- Bộ trưởng (để b/c);
- Lưu: VT, Vụ GDTX.
TL. BỘ TRƯỞNG
VỤ TRƯỞNG VỤ GIÁO DỤC THƯỜNG XUYÊN
(Đã ký)
Nguyễn Văn Hinh
"""

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HẬU GIANG | Độc lập - Tự do - Hạnh phúc
Số: 112/KH-UBND | Vị Thanh, ngày 12 tháng 8 năm 2016
KẾ HOẠCH
Tổng kết 5 năm thực hiện Đề án xây dựng xã hội học tập
Căn cứ Quyết định ngày 09/01/2013 số 89/QĐ-TTg của Thủ tướng Chính phủ;
Căn cứ Thông tư số 44/2014/TT-BGDĐT của Bộ Giáo dục và Đào tạo;
Căn cứ Chỉ thị 02-CT/TU ngày 3/3/2011 của Tỉnh ủy;
I. MỤC ĐÍCH, YÊU CẦU
Đánh giá kết quả thực hiện; số liệu tính đến ngày 30/6/2016.
II. NHIỆM VỤ CỤ THỂ
1. Sở Giáo dục và Đào tạo: chủ trì tham mưu tổ chức Hội nghị tổng kết cấp tỉnh trong tháng 10/2016.
2. Các Sở: Y tế, Tư pháp, Văn hóa, Thể thao và Du lịch
- Báo cáo kết quả thực hiện gửi Sở Giáo dục và Đào tạo trước ngày 15/9/2016.
3. UBND các huyện, thị xã, thành phố
a) Chỉ đạo UBND các xã, phường, thị trấn tổ chức tổng kết xong trước cuối tháng 8/2016.
b) Tổ chức tổng kết cấp huyện, hoàn thành chậm nhất ngày 20/9/2016.
III. TỔ CHỨC THỰC HIỆN
Hội Khuyến học tỉnh có trách nhiệm phối hợp tổ chức các hoạt động chào mừng kỷ niệm Ngày \
Khuyến học Việt Nam 2/10/2016. Lễ dâng hương được tổ chức vào ngày rằm tháng 8 (âm lịch).
Nơi nhận:
- TT Tỉnh ủy, TT HĐND tỉnh;
- Các sở, ban, ngành tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trương Văn Tuyên
"""

ASSOCIATION = """TRUNG ƯƠNG HỘI KHUYẾN HỌC VIỆT NAM
HỘI KHUYẾN HỌC TỈNH NAM ĐỊNH
Số: 14 / CV- HKH
V/v triển khai đánh giá, công nhận
"Cộng đồng học tập" cấp xã
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nam Định, ngày 3 tháng 3 năm 2017
Kính gửi:
Hội Khuyến học các huyện, thành phố;
Ban Đại diện Hội Cựu giáo chức tỉnh.
Ngày 15/01/2017, Trung ương Hội đã ban hành Công văn số 06/TWH ngày 15/01/2017 V/v hướng \
dẫn đánh giá xếp loại "Cộng đồng học tập" cấp xã. Năm 2016, toàn tỉnh có 120 xã được công nhận.
Hội Khuyến học tỉnh đề nghị Hội Khuyến học các huyện, thành phố:
- Phối hợp với Phòng GD&ĐT tổ chức đánh giá, hoàn thành trước ngày 30 tháng 11 năm 2017.
- Gửi báo cáo kết quả về Hội Khuyến học tỉnh (email: hkh@gmail.com, điện thoại \
0228.3649.123) chậm nhất ngày 10-12-2017.
Mỗi huyện, thành phố lựa chọn 01 tập thể và 02 cá nhân tiêu biểu để đề nghị Trung ương Hội \
khen thưởng.
D:\\Van ban\\2017\\CV 14 HKH 3.3.2017.docx
Nơi nhận:                                                   TM. BAN THƯỜNG VỤ
- Như trên;                                                 CHỦ TỊCH
- TW Hội KHVN (để b/c);
- Lưu VP.
                                                            Trần Văn Bảy
"""

INVITATION = """UBND HUYỆN ĐÔNG TRIỀU
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 05/GM-PGDĐT
Đông Triều, ngày 20 tháng 4 năm 2012
GIẤY MỜI
Dự hội nghị triển khai công tác năm 2012
Phòng Giáo dục và Đào tạo trân trọng kính mời đại diện lãnh đạo các Trung tâm học tập cộng \
đồng tới dự hội nghị.
Thời gian: 8 giờ 00 ngày 25/4/2012 (thứ Tư). Liên hệ: 0203.3870.123.
Địa điểm: Hội trường Phòng GD&ĐT, số 12 đường Trần Nhân Tông.
Rất mong các đồng chí đến dự đúng giờ./.
Nơi nhận:
- Như thành phần mời;
- Lưu VT.
TRƯỞNG PHÒNG
(đã ký)
Nguyễn Thị Hoa
"""

NOTICE = """SỞ GIÁO DỤC VÀ ĐÀO TẠO
BÌNH ĐỊNH
THÔNG BÁO
Kết quả công nhận danh hiệu năm 2020
Căn cứ Quyết định số 1234/QĐ-SGDĐT ngày 10/12/2020 của Giám đốc Sở Giáo dục và Đào tạo, Sở \
thông báo kết quả như sau:
Năm 2020, có 35 đơn vị đạt danh hiệu "Đơn vị học tập". Hội nghị tổng kết đã diễn ra ngày \
20/12/2020 tại Quy Nhơn; các đơn vị đã gửi báo cáo trước ngày 15/12/2020.
Sở Giáo dục và Đào tạo thông báo để các đơn vị biết./.
Nơi nhận:
- Các phòng GD&ĐT;
- Lưu: VT, GDTX.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Lê Văn Nam
"""

DEPARTMENT = """UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc
Số: 1021/SGDĐT-GDTX Hạ Long, ngày 8/4/2021
V/v báo cáo sơ kết 3 năm xây dựng xã hội học tập
Kính gửi:
- Phòng Giáo dục và Đào tạo các huyện, thị xã,
thành phố;
- Các trung tâm GDNN-GDTX.
Căn cứ Kế hoạch số 45/KH-UBND ngày 2/3/2021 của UBND tỉnh, Sở GD&ĐT đề nghị các đơn vị:
1. Nội dung báo cáo
- Kết quả đạt được;
+ Về mạng lưới;
+ Về người học;
- Tồn tại, hạn chế.
2. Thời hạn
Các phòng GD&ĐT gửi báo cáo về Sở (qua phòng GDTX) muộn nhất ngày 30/4/2021; số liệu \
tính đến 31/3/2021.
Nơi nhận:
- Như trên;
- Lưu: VT, GDTX.
GIÁM ĐỐC
Nguyễn Văn Minh
"""

SPLIT_WORDS = """UBND TỈNH BẮC GIANG
BAN CHỈ ĐẠO XÂY DỰ
NG XÃ HỘI HỌC T
ẬP
Số: 21/BCĐ-XHHT
V/v tổng kết xây dự
ng xã hội học tập năm 2015
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Giang, ngày 20 tháng 11 năm 2015
Kính gửi: Ban Chỉ đạo xây dựng xã hội học tập các huyện, thành phố.
Các huyện, thành phố gửi báo cáo tổng kết về Sở Giáo dục và Đào tạo trước ngày 15/12/2015.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Hoàng Văn Sơn
"""

PROVINCE_LETTER = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 456/UBND-VX
V/v triển khai đánh giá mô hình học tập năm 2022
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ninh Bình, ngày 05 tháng 4 năm 2022
Kính gửi:
- Sở Giáo dục và Đào tạo;
- Sở Lao động - Thương binh và Xã hội;
- UBND các huyện, thành phố.
Thực hiện Công văn số 1234/BGDĐT-GDTX ngày 15/3/2022 của Bộ Giáo dục và Đào tạo về việc đánh giá mô hình "Gia đình học tập", Ủy ban nhân dân tỉnh có ý kiến như sau:
1. Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với các cơ quan liên quan hướng dẫn các địa phương triển khai đánh giá; tổng hợp, báo cáo UBND tỉnh trước ngày 30/6/2022.
2. UBND các huyện, thành phố chỉ đạo UBND các xã, phường, thị trấn tổ chức đánh giá, hoàn thành trong tháng 5/2022; báo cáo kết quả về Sở Giáo dục và Đào tạo trước ngày 15/6/2022 để tổng hợp./.
Nơi nhận:
- Như trên;
- Bộ GD&ĐT (để b/c);
- Chủ tịch, các PCT UBND tỉnh;
- Lưu: VT, VX3.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Cao Sơn
"""

DECISION = """ỦY BAN NHÂN DÂN
HUYỆN TIÊN DU
Số: 789/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tiên Du, ngày 10 tháng 10 năm 2019
QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo xây dựng xã hội học tập huyện Tiên Du
CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TIÊN DU
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;
Xét đề nghị của Trưởng phòng Giáo dục và Đào tạo,
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo xây dựng xã hội học tập huyện Tiên Du gồm các ông (bà) có tên sau.
Điều 2. Ban Chỉ đạo có nhiệm vụ giúp UBND huyện chỉ đạo xây dựng xã hội học tập trên địa bàn huyện.
Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Giáo dục và Đào tạo và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Tuấn
"""

DEPARTMENT_REQUEST = """SỞ GIÁO DỤC VÀ ĐÀO TẠO                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH ĐỒNG THÁP                               Độc lập - Tự do - Hạnh phúc
Số:      /SGDĐT-GDTX                    Đồng Tháp, ngày   tháng 6 năm 2020
V/v báo cáo kết quả xây dựng xã hội học tập
năm học 2019-2020
                    Kính gửi: Trưởng phòng Giáo dục và Đào tạo các huyện, thành phố
Căn cứ Hướng dẫn số 1234/BGDĐT-GDTX ngày 5-3-2020 của Bộ Giáo dục và Đào tạo; Kế hoạch 56/KH-UBND ngày 12.02.2020 của UBND tỉnh,
Sở Giáo dục và Đào tạo đề nghị Trưởng phòng Giáo dục và Đào tạo các huyện, thành phố:
- Chỉ đạo các trung tâm học tập cộng đồng báo cáo số liệu tính đến hết ngày 31/5/2020.
- Gửi báo cáo về Sở (qua Phòng GDTX, email: gdtx@dongthap.edu.vn) trước 17h00 ngày 20/6/2020.
- Tổ chức hội nghị tổng kết cấp huyện xong cuối tháng 7/2020.
Ngày 15/6/2020 Sở đã tổ chức hội nghị trực tuyến.
Nơi nhận:                                                         KT. GIÁM ĐỐC
- Như trên;                                                       PHÓ GIÁM ĐỐC
- Giám đốc Sở (để b/c);
- Lưu: VT, GDTX.
                                                                   (Đã ký)

                                                                Trần Thị Hằng
"""

PARTY_LETTER = """TỈNH ỦY QUẢNG NINH
*
Số 45-CV/TU
V/v tổng kết 10 năm thực hiện Nghị quyết 01-NQ/TV
ĐẢNG CỘNG SẢN VIỆT NAM
Hạ Long, ngày 20 tháng 8 năm 2020
Kính gửi: Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.
Các huyện ủy, thị ủy, thành ủy gửi báo cáo về Ban Tuyên giáo Tỉnh ủy trước ngày 30/9/2020.
Nơi nhận:
- Như trên,
- Lưu VPTU.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn Đọc
"""

OUTLINE_APPENDIX = """UBND TỈNH THÁI BÌNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 321/SGDĐT-GDTX
V/v báo cáo sơ kết 5 năm xây dựng xã hội học tập
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Bình, ngày 12 tháng 5 năm 2017
Kính gửi: Phòng Giáo dục và Đào tạo các huyện, thành phố.
Sở Giáo dục và Đào tạo đề nghị các phòng GD&ĐT báo cáo sơ kết theo đề cương kèm theo, gửi về Sở trước ngày 15/6/2017.
Nơi nhận:
- Như trên;
- Lưu: VT, GDTX.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Phạm Văn Bình
ĐỀ CƯƠNG BÁO CÁO
(Kèm theo Công văn số 321/SGDĐT-GDTX ngày 12/5/2017 của Sở GD&ĐT)
I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN
1. Công tác chỉ đạo, tuyên truyền.
2. Kết quả xây dựng các mô hình học tập.
II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN
III. PHƯƠNG HƯỚNG, ĐỀ XUẤT
"""

DISTRICT_WEEK_PLAN = """UBND HUYỆN YÊN DŨNG
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số: 45/KH-PGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Yên Dũng, ngày 14 tháng 9 năm 2023
KẾ HOẠCH
Tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023
Thực hiện Kế hoạch số 230/KH-UBND ngày 5/9/2023 của UBND huyện Yên Dũng, Phòng Giáo dục và Đào tạo xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, nhân dân về học tập suốt đời.
2. Các hoạt động thiết thực, hiệu quả, tiết kiệm.
II. THỜI GIAN, NỘI DUNG
1. Thời gian: từ ngày 01/10/2023 đến ngày 07/10/2023.
2. Nội dung: tổ chức Lễ khai mạc Tuần lễ vào ngày 01/10/2023.
III. TỔ CHỨC THỰC HIỆN
1. Các trường Mầm non, Tiểu học, THCS
- Xây dựng kế hoạch hưởng ứng, gửi về Phòng GD&ĐT trước ngày 25/9/2023.
- Báo cáo kết quả chậm nhất ngày 15/10/2023.
2. Trung tâm học tập cộng đồng các xã, thị trấn
- Tổ chức các hoạt động học tập tại cộng đồng.
3. Đề nghị Hội Khuyến học huyện
- Phối hợp tuyên truyền về Tuần lễ.
Trên đây là Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023 của Phòng Giáo dục và Đào tạo./.
Nơi nhận:
- UBND huyện (b/c);
- Các trường MN, TH, THCS;
- Lưu: VT.
TRƯỞNG PHÒNG
Nguyễn Thị Lan
"""

DISTRICT_REPORT = """UBND HUYỆN TAM ĐẢO
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số: 210/BC-PGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tam Đảo, ngày 10 tháng 12 năm 2021
BÁO CÁO
Kết quả xây dựng xã hội học tập năm 2021
Thực hiện Công văn số 1500/SGDĐT-GDTX ngày 15/11/2021 của Sở GD&ĐT, Phòng GD&ĐT báo cáo như sau:
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Phòng GD&ĐT đã chủ trì, phối hợp với Hội Khuyến học huyện tổ chức Tuần lễ học tập suốt đời từ ngày 01/10/2021 đến ngày 07/10/2021.
2. Các trung tâm học tập cộng đồng đã hoàn thành đánh giá xếp loại trước ngày 30/11/2021.
3. Hội Khuyến học huyện có trách nhiệm trong việc vận động xây dựng gia đình học tập; năm 2021 có 5.230 gia đình được công nhận.
II. PHƯƠNG HƯỚNG NĂM 2022
Tiếp tục củng cố các trung tâm học tập cộng đồng.
Nơi nhận:
- Sở GD&ĐT;
- Lưu: VT.
TRƯỞNG PHÒNG
Lê Minh Đức
"""
